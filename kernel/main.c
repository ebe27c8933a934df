/*
 * start_kernel: boot/head.asm jumps here in 64-bit mode on the boot
 * stack.  Bring up each subsystem in dependency order, then start init
 * (pid 1) and become the idle task.  Linux: init/main.c.
 */
#include "kernel/kernel.h"
#include "kernel/binfmts.h"
#include "kernel/cmdline.h"
#include "kernel/cpu.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/fork.h"
#include "kernel/irq.h"
#include "kernel/multiboot2.h"
#include "kernel/random.h"
#include "kernel/reboot.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "kernel/traps.h"
#include "kernel/x86.h"
#include "kernel/mm/mm.h"
#include "kernel/mm/page.h"
#include "drivers/pci.h"
#include "drivers/tty.h"
#include "drivers/uart.h"
#include "fs/fs_struct.h"
#include "fs/namei.h"
#include "fs/super.h"
#include "net/dhcp.h"
#include "net/netstack.h"
#include "net/socket_syscalls.h"

extern u64 boot_entry_tsc;	/* boot/head.asm */
extern u32 boot_mb2_magic, boot_mb2_info;

static struct boot_params boot_params;
static const char *const envp_init[] = { "HOME=/", "TERM=linux" };
char saved_command_line[CMDLINE_SIZE];	/* the whole line, for drivers' options */

static const char *setup_command_line(struct mb2_info *mbi)
{
	struct mb2_tag_string *tag = (void *)mb2_find_tag(mbi, MB2_TAG_CMDLINE);
	const char *cmdline = tag ? tag->string : "";

	strlcpy(saved_command_line, cmdline, sizeof(saved_command_line));
	if (parse_cmdline(&boot_params, cmdline))
		pr_warn("Kernel command line too long or too many words: cut\n");
	if (boot_params.quiet)
		console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return cmdline;
}

static bool root_mounted;

/* The root filesystem is the boot module GRUB loaded (an ext2 image). */
static void mount_root_module(struct mb2_info *mbi)
{
	struct mb2_tag *tag = NULL;

	while ((tag = mb2_next_tag(mbi, tag))) {
		struct mb2_tag_module *m = (void *)tag;

		if (tag->type != MB2_TAG_MODULE)
			continue;
		if (mount_root(__va(m->mod_start), m->mod_end - m->mod_start) == 0) {
			pr_info("VFS: Mounted root (ext2 filesystem, %uK in RAM)\n",
				(m->mod_end - m->mod_start) / 1024);
			root_mounted = true;
			return;
		}
	}
}

/* Descriptors 0, 1 and 2 on /dev/console, as Linux gives init. */
static int open_console_fds(void)
{
	int fd;

	for (fd = 0; fd < 3; fd++) {
		struct file *f = do_filp_open(AT_FDCWD, "/dev/console", O_RDWR, 0);
		int got = get_unused_fd_flags(0);

		if (IS_ERR(f))
			f = console_open_file(O_RDWR);	/* no /dev: the device itself */
		if (!f || got != fd)
			return -ENOMEM;
		fd_install(fd, f);
	}
	return 0;
}

static void report_boot_time(void)
{
	u64 cycles = rdtsc() - boot_tsc;
	u64 us = tsc_to_ns(cycles) / 1000;

	pr_info("kernel entry to first user instruction: %lu.%03lu ms\n",
		us / 1000, us % 1000);
}

/* The network: protocols, loss for tests, and eth0's address by DHCP. */
static void net_init_boot(void)
{
	const char *loss = cmdline_get(&boot_params, "netem.loss");
	const char *seed = cmdline_get(&boot_params, "netem.seed");
	struct net_device *eth0;

	inet_init();
	if (loss)
		netem_setup(simple_strtoul(loss, NULL, 10), seed ? simple_strtoul(seed, NULL, 10) : 1);
	eth0 = dev_get_by_name("eth0");
	if (eth0 && !cmdline_get(&boot_params, "ip.static"))
		dhcp_configure(eth0);
	else if (eth0)
		dhcp_configure_static(eth0);
}

/* pid 1's kernel half: become the init program. */
static void kernel_init(void *unused)
{
	const char *init = boot_params.init ? boot_params.init : "/sbin/init";
	struct boot_params *bp = &boot_params;
	const char *envp[CMDLINE_MAX_ENVS + 3];
	struct user_arg_ptr argv_ptr = { true, bp->argv }, envp_ptr = { true, envp };
	int i, err;

	init_task_ptr = current;
	current->pgid = current->sid = current->pid;	/* init leads session 1 */
	current->fs = fs_struct_alloc_root();
	if (!current->fs)
		panic("cannot set up init's root directory");
	mount_devfs();
	mount_tmpfs();
	mount_proc();
	net_init_boot();
	if (open_console_fds())
		panic("cannot open the initial console");
	bp->argv[0] = init;
	bp->argv[bp->argc + 1] = NULL;
	envp[0] = envp_init[0];
	envp[1] = envp_init[1];
	for (i = 0; i < bp->envc; i++)
		envp[2 + i] = bp->envp[i];
	envp[2 + i] = NULL;

	err = do_execve(init, argv_ptr, envp_ptr);
	if (err) {
		printk(KERN_EMERG "Requested init %s failed (error %d).\n", init, err);
		printk(KERN_EMERG "init exited with status 127\n");
		kernel_power_off();
	}
	report_boot_time();
	/* Returning lands in ret_from_fork, which enters the new program. */
}

__noreturn void start_kernel(void)
{
	struct mb2_info *mbi;
	const char *cmdline;

	/* The boot tables still map low memory: read what head.asm left. */
	boot_tsc = boot_entry_tsc;
	mbi = __va(boot_mb2_info);

	uart_init();
	cpu_init();
	trap_init();
	cmdline = setup_command_line(mbi);	/* first: "quiet" silences the rest */
	pr_notice("Linux-ABI teaching kernel for x86_64, booted by multiboot2\n");
	pr_info("Command line: %s\n", cmdline);
	mem_init(mbi);
	paging_init();
	mm_init();
	sched_init();
	init_IRQ();
	time_init();
	random_init();
	mount_root_module(mbi);
	tty_init();
	loopback_init();	/* lo first: ifindex 1, as Linux */
	pci_init();
	local_irq_enable();

	if (!root_mounted)
		panic("VFS: Unable to mount root fs (no usable ext2 module)");
	if (kernel_thread(kernel_init, NULL, "init") != 1)
		panic("cannot create the init task");
	cpu_idle();
}
