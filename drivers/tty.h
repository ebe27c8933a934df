#ifndef DRIVERS_TTY_H
#define DRIVERS_TTY_H

#include "kernel/types.h"
#include "fs/fs.h"

/* struct termios as the kernel ABI has it (asm-generic/termbits.h). */
#define NCCS 19
struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[NCCS];
};

struct winsize {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541b
#define TIOCSCTTY	0x540e
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429

/* c_iflag, c_oflag, c_lflag bits */
#define ICRNL	0000400
#define IXON	0002000
#define OPOST	0000001
#define ONLCR	0000004
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHOCTL	0001000
#define ECHOKE	0004000
#define IEXTEN	0100000

/* c_cc indices */
#define VINTR	0
#define VQUIT	1
#define VERASE	2
#define VKILL	3
#define VEOF	4
#define VTIME	5
#define VMIN	6
#define VSUSP	10

extern const struct file_operations console_fops;
void tty_init(void);
struct file *console_open_file(unsigned int flags);

#endif
