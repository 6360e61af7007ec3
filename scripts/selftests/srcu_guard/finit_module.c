// SPDX-License-Identifier: GPL-2.0
/*
 * finit_module [-n N] FILE [PARAM=VALUE...]: load a module with exactly
 * one finit_module() call and print its error, if any, as
 * "finit_module: FILE: errno E (TEXT)". With -n N, the Nth slab or page
 * allocation of that call fails (/proc/self/fail-nth, armed just before
 * it, so that exec and open are not counted).
 *
 * fault_inject.sh needs it: busybox insmod retries a failed finit_module()
 * with init_module(), after the injected fault is spent, so with insmod a
 * failed load is never seen to fail.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* fail_nth: the Nth allocation of this task from now on fails. */
static int fail_nth(const char *n)
{
	int fd = open("/proc/self/fail-nth", O_WRONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = write(fd, n, strlen(n)) == (ssize_t)strlen(n) ? 0 : -1;
	close(fd);
	return ret;
}

int main(int argc, char **argv)
{
	char params[4096] = "";
	const char *nth = NULL;
	size_t len = 0;
	int fd, i, n;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		nth = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: finit_module [-n N] FILE [PARAM=VALUE...]\n");
		return 2;
	}
	for (i = 2; i < argc; i++) {
		n = snprintf(params + len, sizeof(params) - len, "%s%s",
			     len ? " " : "", argv[i]);
		if (n < 0 || (size_t)n >= sizeof(params) - len) {
			fprintf(stderr, "finit_module: parameters too long\n");
			return 2;
		}
		len += n;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	if (nth && fail_nth(nth) != 0) {
		perror("/proc/self/fail-nth");
		return 2;
	}
	if (syscall(SYS_finit_module, fd, params, 0) != 0) {
		n = errno;
		fprintf(stderr, "finit_module: %s: errno %d (%s)\n", argv[1], n,
			strerror(n));
		return 1;
	}
	close(fd);
	return 0;
}
