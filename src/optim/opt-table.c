/*
 * opt-table.c - the list of optimizers, in the order the course presents
 * them (the keys 1-7 of the live descent follow it).
 */
#include "config.h"

#include <string.h>

#include "descent/optim.h"

const struct optimizer *const opt_table[] = {
	&opt_gd, &opt_momentum, &opt_nesterov, &opt_adagrad, &opt_rmsprop,
	&opt_adam, &opt_newton, NULL,
};

const struct optimizer *
opt_find(const char *name)
{
	int i;

	for (i = 0; opt_table[i] != NULL; i++)
		if (strcmp(opt_table[i]->name, name) == 0)
			return opt_table[i];
	return NULL;
}

int
opt_uses(const struct optimizer *o, const char *param)
{
	size_t len = strlen(param);
	const char *p = o->params;

	if (len == 0)
		return 0;
	while ((p = strstr(p, param)) != NULL) {
		if ((p == o->params || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
			return 1;
		p += len;
	}
	return 0;
}
