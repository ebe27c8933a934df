/*
 * Guest-only checks that cannot be compared with the host (whose memory
 * moves with everything else, and whose root may fork without limit):
 * 500 fork+exec+wait cycles give back every page (sysinfo's free RAM is
 * the same before and after), and a fork bomb is stopped by EAGAIN at the
 * kernel's task limit and leaves the system usable.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

static void cycles(const char *self)
{
	char *argv[] = { (char *)self, "exit", NULL };
	struct sysinfo a, b;
	int i, st;

	for (i = -20; i < 500; i++) {	/* 20 rounds of warm-up first */
		pid_t pid;

		if (i == 0)
			sysinfo(&a);
		pid = fork();
		if (pid == 0) {
			execv(self, argv);
			_exit(127);
		}
		waitpid(pid, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st)) {
			printf("limits: cycle %d: bad status 0x%x\n", i, st);
			return;
		}
	}
	sysinfo(&b);
	printf("limits: 500 fork+exec+wait: free pages %lu before, %lu after: %s\n",
	       a.freeram, b.freeram, a.freeram == b.freeram ? "same" : "DIFFERENT");
}

static void fork_bomb(void)
{
	static pid_t pids[4096];
	int n, err = 0;

	for (n = 0; n < 4096; n++) {
		pids[n] = fork();
		if (pids[n] < 0) {
			err = errno;
			break;
		}
		if (pids[n] == 0) {
			pause();
			_exit(0);
		}
	}
	printf("limits: fork bomb stopped after %d children: %s\n", n,
	       err == EAGAIN ? "EAGAIN" : strerror(err));
	while (n-- > 0) {
		kill(pids[n], SIGKILL);
		waitpid(pids[n], NULL, 0);
	}
}

int main(int argc, char **argv)
{
	pid_t pid;

	if (argc > 1 && !strcmp(argv[1], "exit"))
		return 0;
	setvbuf(stdout, NULL, _IONBF, 0);
	cycles(argv[0]);
	fork_bomb();
	pid = fork();
	if (pid == 0)
		_exit(0);
	printf("limits: fork after the bomb: %s\n", pid > 0 && waitpid(pid, NULL, 0) == pid ? "ok" : "failed");
	return 0;
}
