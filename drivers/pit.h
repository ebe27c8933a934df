#ifndef DRIVERS_PIT_H
#define DRIVERS_PIT_H

#include "kernel/types.h"

#define PIT_IRQ		0
#define PIT_HZ		1193182		/* the 8254's input clock */

u64 pit_calibrate_tsc_khz(void);
void pit_start_periodic(unsigned int hz);

#endif
