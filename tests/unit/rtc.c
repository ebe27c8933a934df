/*
 * drivers/rtc.c: days_from_civil() only (the rest reads CMOS ports).
 * The expected values came from Python's datetime when this was written:
 *	(date(y, m, d) - date(1970, 1, 1)).days
 */
#include "drivers/rtc.h"

#define UNIT_FILE "rtc"
#include "unit.h"

static void known_dates(void)
{
	EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
	EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
	EXPECT_EQ(days_from_civil(2000, 1, 1), 10957);
	EXPECT_EQ(days_from_civil(2000, 2, 29), 11016);
	EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
	EXPECT_EQ(days_from_civil(2024, 2, 28), 19781);
	EXPECT_EQ(days_from_civil(2024, 2, 29), 19782);
	EXPECT_EQ(days_from_civil(2024, 3, 1), 19783);
	EXPECT_EQ(days_from_civil(2038, 1, 19), 24855);	/* 2^31 s is in it */
	EXPECT_EQ(days_from_civil(2099, 12, 31), 47481);
	EXPECT_EQ(days_from_civil(2100, 3, 1), 47541);	/* 2100: no Feb 29 */
	EXPECT_EQ(days_from_civil(1900, 3, 1), -25508);
	EXPECT_EQ(days_from_civil(1, 1, 1), -719162);
}

static unsigned int days_in_month(long y, unsigned int m)
{
	static const unsigned int days[] = { 31, 28, 31, 30, 31, 30,
					     31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return days[m - 1] + (m == 2 && leap);
}

/* Every day from 1900 to 2399 (the RTC gives 2000-2099) is one more. */
static void consecutive_days(void)
{
	long y, want = days_from_civil(1900, 1, 1);
	unsigned int m, d;

	for (y = 1900; y < 2400; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= days_in_month(y, m); d++, want++)
				EXPECTF(days_from_civil(y, m, d) == want,
					"%ld-%02u-%02u is day %ld, expected %ld",
					y, m, d, days_from_civil(y, m, d), want);
}

int main(void)
{
	RUN(known_dates);
	RUN(consecutive_days);
	return unit_exit_status();
}
