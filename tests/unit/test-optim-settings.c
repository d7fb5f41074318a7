/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The settings a learner turns: which apply to which optimizer, and their ladders. */
#include "config.h"

#include <criterion/criterion.h>

#include "descent/optim.h"

Test(settings, names_round_trip)
{
	int k;

	for (k = 0; k < RUN_SET_COUNT; k++)
		cr_assert_eq(run_setting_find(run_setting_name(k)), k);
	cr_assert_eq(run_setting_find("beta1"), -1, "beta1 is turned as beta");
	cr_assert_null(run_setting_name(RUN_SET_COUNT));
}

Test(settings, the_decay_is_each_optimizers_own)
{
	struct run_config c;

	run_config_init(&c, &opt_momentum);
	cr_assert_str_eq(run_setting_param(&c, RUN_SET_BETA, 0), "beta");
	cr_assert_null(run_setting_param(&c, RUN_SET_BETA2, 0));
	run_config_init(&c, &opt_rmsprop);
	cr_assert_str_eq(run_setting_param(&c, RUN_SET_BETA, 0), "rho");
	run_config_init(&c, &opt_adam);
	cr_assert_str_eq(run_setting_param(&c, RUN_SET_BETA, 0), "beta1");
	cr_assert_str_eq(run_setting_param(&c, RUN_SET_BETA2, 0), "beta2");
	run_config_init(&c, &opt_gd);
	cr_assert_null(run_setting_param(&c, RUN_SET_BETA, 0));
	cr_assert_eq(run_setting_step(&c, RUN_SET_BETA, 1, 0), -1, "gd has no beta");
	cr_assert_null(run_setting_param(&c, RUN_SET_BATCH, 0), "no batch without data");
	cr_assert_str_eq(run_setting_param(&c, RUN_SET_BATCH, 10), "batch");
	cr_assert_str_eq(run_setting_param(&c, RUN_SET_NOISE, 0), "noise");
}

Test(settings, rates_step_along_round_values)
{
	struct run_config c;

	run_config_init(&c, &opt_gd);
	c.params.lr = 0.17;             /* between two steps: to the next one */
	cr_assert_eq(run_setting_step(&c, RUN_SET_LR, 1, 0), 0);
	cr_assert_float_eq(c.params.lr, 0.2, 1e-15);
	cr_assert_eq(run_setting_step(&c, RUN_SET_LR, -1, 0), 0);
	cr_assert_float_eq(c.params.lr, 0.1, 1e-15);
	cr_assert_eq(run_setting_step(&c, RUN_SET_LR, -1, 0), 0);
	cr_assert_float_eq(c.params.lr, 0.05, 1e-15);
	c.params.lr = 5;
	cr_assert_eq(run_setting_step(&c, RUN_SET_LR, 1, 0), -2, "the top of the ladder");
	cr_assert_eq(c.params.lr, 5);
	c.params.lr = 1e-5;
	cr_assert_eq(run_setting_step(&c, RUN_SET_LR, -1, 0), -2, "its bottom");
}

Test(settings, decays_and_noise)
{
	struct run_config c;

	run_config_init(&c, &opt_momentum);
	c.params.beta = 0.9;
	cr_assert_eq(run_setting_step(&c, RUN_SET_BETA, 1, 0), 0);
	cr_assert_float_eq(c.params.beta, 0.95, 1e-15);
	cr_assert_eq(run_setting_step(&c, RUN_SET_BETA, -1, 0), 0);
	cr_assert_eq(run_setting_step(&c, RUN_SET_BETA, -1, 0), 0);
	cr_assert_float_eq(c.params.beta, 0.8, 1e-15);
	c.params.beta = 0;
	cr_assert_eq(run_setting_step(&c, RUN_SET_BETA, -1, 0), -2, "0 is the least");
	c.params.beta = 0.9999;
	cr_assert_eq(run_setting_step(&c, RUN_SET_BETA, 1, 0), -2, "never 1");
	cr_assert(opt_param_in_range(OPT_PARAM_BETA, c.params.beta));
	run_config_init(&c, &opt_adam);
	cr_assert_eq(run_setting_step(&c, RUN_SET_BETA2, -1, 0), 0);
	cr_assert_float_eq(c.params.beta2, 0.995, 1e-15, "adam's 0.999, one step down");
	cr_assert_eq(run_setting_get(&c, RUN_SET_BETA2, 0), c.params.beta2);
	cr_assert_eq(c.noise, 0);
	cr_assert_eq(run_setting_step(&c, RUN_SET_NOISE, 1, 0), 0);
	cr_assert_float_eq(c.noise, 0.001, 1e-18);
	cr_assert_eq(run_setting_step(&c, RUN_SET_NOISE, -1, 0), 0);
	cr_assert_eq(c.noise, 0);
}

Test(settings, batches_by_powers_of_two_up_to_all)
{
	struct run_config c;

	run_config_init(&c, &opt_gd);
	cr_assert_eq(c.batch, 0, "all the examples");
	cr_assert_eq(run_setting_step(&c, RUN_SET_BATCH, 1, 10), -2, "all is the most");
	cr_assert_eq(run_setting_step(&c, RUN_SET_BATCH, -1, 10), 0);
	cr_assert_eq(c.batch, 8);
	cr_assert_eq(run_setting_step(&c, RUN_SET_BATCH, -1, 10), 0);
	cr_assert_eq(c.batch, 4);
	cr_assert_eq(run_setting_step(&c, RUN_SET_BATCH, 1, 10), 0);
	cr_assert_eq(run_setting_step(&c, RUN_SET_BATCH, 1, 10), 0);
	cr_assert_eq(c.batch, 0, "16 would be more than the 10 examples: all");
	c.batch = 1;
	cr_assert_eq(run_setting_step(&c, RUN_SET_BATCH, -1, 10), -2, "one example at least");
	cr_assert_eq(run_setting_get(&c, RUN_SET_BATCH, 10), 1);
	cr_assert_eq(run_setting_get(&c, RUN_SET_BATCH, 0), -1, "no data: no batch");
	c.batch = 0;
	cr_assert_eq(run_setting_step(&c, RUN_SET_BATCH, -1, 3), 0);
	cr_assert_eq(c.batch, 2, "3 examples: 2, then 1");
}
