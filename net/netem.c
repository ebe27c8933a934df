/*
 * Deliberate packet loss, so tests can prove that TCP recovers: with
 * netem.loss=P on the kernel command line (or written to
 * /proc/sys/net/netem_loss), P percent of the frames received and sent
 * are dropped, chosen by a seeded generator so a run is repeatable
 * (netem.seed=N).  Linux has this as the netem qdisc (tc qdisc ... loss).
 */
#include "kernel/kernel.h"
#include "net/netstack.h"

static unsigned int loss_percent;
static u64 state = 1;

void netem_setup(unsigned int percent, unsigned int seed)
{
	loss_percent = percent > 100 ? 100 : percent;
	state = seed ? seed : 1;
	if (loss_percent)
		pr_info("netem: dropping %u%% of frames each way (seed %u)\n", loss_percent, seed);
}

/* xorshift64: small, fast, and the same sequence for the same seed. */
static bool roll(void)
{
	if (!loss_percent)
		return false;
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state % 100 < loss_percent;
}

bool netem_drop_tx(void)
{
	return roll();
}

bool netem_drop_rx(void)
{
	return roll();
}
