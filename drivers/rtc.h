#ifndef DRIVERS_RTC_H
#define DRIVERS_RTC_H

#include "kernel/types.h"

u64 rtc_read_epoch_seconds(void);
/* Days from 1970-01-01 to a date (pure; tested on the host). */
long days_from_civil(long y, unsigned int m, unsigned int d);

#endif
