/*
 * lesson-int.h - what the files of the lesson module share: the JSON
 * position index (cJSON keeps no positions, so a scanner of our own
 * records where every value starts, and checks the syntax with precise
 * messages before cJSON builds the tree).
 */
#ifndef DESCENT_LESSON_INT_H
#define DESCENT_LESSON_INT_H

#include <stddef.h>

#include <cJSON.h>

#include "descent/lesson.h"

#define JSON_MAX_DEPTH 64

struct json_pos {
	int line, column;
	size_t off;             /* byte offset in the text */
};

/*
 * Where the values of a document are, in document order (a value before
 * its members, members in order): for each value its position and, for
 * a member of an object, its key's.
 */
struct json_index {
	struct json_pos *val, *key;
	size_t n, cap;
	/* cJSON items, in the same order, and a hash from item to index */
	const cJSON **item;
	size_t *hash;
	size_t hashcap;
};

/*
 * Scans text (len bytes) as JSON, filling ix; on a syntax error, sets
 * *err_pos and err (a sentence) and returns -1.
 */
int json_scan(const char *text, size_t len, struct json_index *ix, struct json_pos *err_pos,
	      char *err, size_t errsize);
/* Pairs the scanned positions with the items of root (its parse). */
void json_index_attach(struct json_index *ix, const cJSON *root);
/* The position of item's value, or of its key (0, 0 when unknown). */
struct json_pos json_pos_of(const struct json_index *ix, const cJSON *item);
struct json_pos json_key_pos_of(const struct json_index *ix, const cJSON *item);
void json_index_done(struct json_index *ix);

/* The column, in characters, of byte offset `off` of the line starting at `line_start`. */
int json_column(const char *line_start, size_t off);

#endif
