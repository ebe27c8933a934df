/*
 * The CMOS real-time clock, read once at boot for the wall clock.
 * Linux: arch/x86/kernel/rtc.c, drivers/rtc/rtc-mc146818-lib.c.
 */
#include "drivers/rtc.h"
#include "kernel/io.h"

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71

static u8 cmos_read(u8 reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static unsigned int bcd2bin(u8 v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* Howard Hinnant's days-from-civil algorithm (proleptic Gregorian). */
long days_from_civil(long y, unsigned int m, unsigned int d)
{
	long era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

u64 rtc_read_epoch_seconds(void)
{
	unsigned int sec, min, hour, day, mon, year;
	u8 regb;

	while (cmos_read(0x0a) & 0x80)	/* update in progress */
		;
	sec = cmos_read(0x00);
	min = cmos_read(0x02);
	hour = cmos_read(0x04);
	day = cmos_read(0x07);
	mon = cmos_read(0x08);
	year = cmos_read(0x09);
	regb = cmos_read(0x0b);
	if (!(regb & 0x04)) {		/* BCD mode */
		sec = bcd2bin(sec);
		min = bcd2bin(min);
		hour = bcd2bin(hour & 0x7f) | (hour & 0x80);	/* keep the PM bit */
		day = bcd2bin(day);
		mon = bcd2bin(mon);
		year = bcd2bin(year);
	}
	if (!(regb & 0x02))	/* 12-hour mode: 12 AM is 0, PM adds 12 */
		hour = (hour & 0x7f) % 12 + (hour & 0x80 ? 12 : 0);
	year += 2000;
	return (u64)days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
}
