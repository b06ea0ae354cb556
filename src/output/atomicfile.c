/* fopencookie(), so that the stream keeps the reason a write failed. */
#define _GNU_SOURCE

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "error.h"

/*
 * The signals that ask a program to stop, which it can catch; SIGKILL
 * cannot be, and leaves the temporary behind.
 */
static const int stops[] = { SIGHUP, SIGINT, SIGTERM };
#define NSTOPS	(sizeof(stops) / sizeof(stops[0]))

/* The temporary on_stop() removes, and what the signals did before. */
static char *volatile watched;
static struct sigaction before[NSTOPS];

/* Removes the temporary, then lets the signal end the program. */
static void
on_stop(int sig)
{
	char *tmp = watched;

	if (tmp != NULL)
		unlink(tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Has a signal of stops[] remove tmp before it ends the program.  One
 * that is ignored (nohup, a background job) stays ignored.  One file at
 * a time.
 */
static void
watch(char *tmp)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSTOPS; i++)
		sigaddset(&sa.sa_mask, stops[i]);
	watched = tmp;
	for (i = 0; i < NSTOPS; i++) {
		sigaction(stops[i], NULL, &before[i]);
		if (before[i].sa_handler != SIG_IGN)
			sigaction(stops[i], &sa, NULL);
	}
}

/* Gives the signals back their actions once tmp is renamed or removed. */
static void
unwatch(const char *tmp)
{
	size_t i;

	if (tmp == NULL || watched != tmp)
		return;
	for (i = 0; i < NSTOPS; i++)
		sigaction(stops[i], &before[i], NULL);
	watched = NULL;
}

/* Frees what af holds and leaves it empty. */
static void
release(struct atomic_file *af)
{
	unwatch(af->tmp);
	free(af->path);
	free(af->tmp);
	af->fp = NULL;
	af->path = NULL;
	af->tmp = NULL;
	af->fd = -1;
}

/*
 * The stream's writes: what stdio would do, but the first failure's
 * errno is kept in af->err, since stdio keeps only that one happened.
 */
static ssize_t
stream_write(void *cookie, const char *p, size_t n)
{
	struct atomic_file *af = cookie;
	size_t done = 0;
	ssize_t k;

	while (done < n) {
		if ((k = write(af->fd, p + done, n - done)) == -1) {
			if (errno == EINTR)
				continue;
			if (af->err == 0)
				af->err = errno;
			break;
		}
		done += (size_t)k;
	}
	/* Fewer bytes than asked marks the stream failed. */
	return (ssize_t)done;
}

static int
stream_close(void *cookie)
{
	struct atomic_file *af = cookie;
	int rc = close(af->fd);

	if (rc == -1 && af->err == 0)
		af->err = errno;
	af->fd = -1;
	return rc;
}

/* Opens af->fp on fd, which af then owns.  Returns 0 or an errno value. */
static int
stream_open(struct atomic_file *af, int fd)
{
	static const cookie_io_functions_t io = {
		.write = stream_write,
		.close = stream_close,
	};

	af->fd = fd;
	af->err = 0;
	if ((af->fp = fopencookie(af, "w", io)) == NULL) {
		af->fd = -1;
		return errno != 0 ? errno : ENOMEM;
	}
	return 0;
}

/* Symbolic links followed before giving up, as the kernel's 40. */
#define LINK_DEPTH	40

int
atomic_file_target(char **out, const char *path)
{
	char link[PATH_MAX], *p, *np, *slash;
	struct stat sb;
	ssize_t n;
	size_t dir;
	int depth;

	*out = NULL;
	if ((p = strdup(path)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	for (depth = 0; lstat(p, &sb) == 0 && S_ISLNK(sb.st_mode); depth++) {
		if (depth == LINK_DEPTH ||
		    (n = readlink(p, link, sizeof(link))) == -1 ||
		    (size_t)n == sizeof(link)) {
			free(p);
			return dm_error(DM_ERROR, "cannot write '%s': %s",
			    path, strerror(depth == LINK_DEPTH ? ELOOP :
			    n == -1 ? errno : ENAMETOOLONG));
		}
		/* A relative target is read from the link's directory. */
		slash = strrchr(p, '/');
		dir = link[0] == '/' || slash == NULL ? 0 :
		    (size_t)(slash - p) + 1;
		if ((np = malloc(dir + (size_t)n + 1)) == NULL) {
			free(p);
			return dm_error(DM_ERROR, "out of memory");
		}
		memcpy(np, p, dir);
		memcpy(np + dir, link, (size_t)n);
		np[dir + (size_t)n] = '\0';
		free(p);
		p = np;
	}
	*out = p;
	return 0;
}

/*
 * Opens af->path, a character device or a FIFO, to be written straight
 * through: a temporary renamed over it would replace the device node or
 * the pipe with a regular file.  Returns 0, or an errno value.
 */
static int
open_through(struct atomic_file *af)
{
	struct stat sb;
	int fd, rc;

	if ((fd = open(af->path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) == -1)
		return errno;
	/* Replaced since it was looked at: nothing here may truncate it. */
	if (fstat(fd, &sb) == -1)
		rc = errno;
	else if (!S_ISCHR(sb.st_mode) && !S_ISFIFO(sb.st_mode))
		rc = EAGAIN;
	else if ((rc = stream_open(af, fd)) == 0)
		return 0;
	close(fd);
	return rc;
}

/*
 * Creates the temporary "<af->path>.XXXXXX" with the given mode and opens
 * af->fp on it.  Returns 0, or an errno value.
 */
static int
open_temporary(struct atomic_file *af, mode_t mode)
{
	size_t len = strlen(af->path);
	int fd, rc;

	if ((af->tmp = malloc(len + sizeof(".XXXXXX"))) == NULL)
		return ENOMEM;
	memcpy(af->tmp, af->path, len);
	memcpy(af->tmp + len, ".XXXXXX", sizeof(".XXXXXX"));
	if ((fd = mkstemp(af->tmp)) == -1)
		return errno;
	watch(af->tmp);
	if (fchmod(fd, mode) == -1)
		rc = errno;
	else if ((rc = stream_open(af, fd)) == 0)
		return 0;
	close(fd);
	unlink(af->tmp);
	return rc;
}

int
atomic_file_open(struct atomic_file *af, const char *path)
{
	struct stat sb;
	mode_t mask;
	int rc;

	af->fp = NULL;
	af->tmp = NULL;
	af->fd = -1;
	/*
	 * A device or a FIFO is opened by the name given: the links of
	 * /dev/stdout lead to names such as "pipe:[1234]" only open() knows.
	 */
	if (stat(path, &sb) == 0 && (S_ISCHR(sb.st_mode) ||
	    S_ISFIFO(sb.st_mode))) {
		if ((af->path = strdup(path)) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		rc = open_through(af);
	} else if ((rc = atomic_file_target(&af->path, path)) != 0)
		return rc;
	else if (stat(af->path, &sb) == 0)
		/* mkstemp() makes 0600: a file replaced keeps its mode. */
		rc = S_ISREG(sb.st_mode) ? open_temporary(af,
		    sb.st_mode & 0777) : S_ISDIR(sb.st_mode) ? EISDIR : EAGAIN;
	else if (errno == ENOENT) {
		/* A new file's mode: the umask can only be read by setting it. */
		mask = umask(0);
		umask(mask);
		rc = open_temporary(af, 0666 & ~mask);
	} else
		rc = errno;
	if (rc != 0) {
		/* EAGAIN stands for a kind of file no output goes to. */
		dm_error(DM_ERROR, "cannot create '%s': %s", af->path,
		    rc == EAGAIN ? "not a regular file, a character device or "
		    "a FIFO" : strerror(rc));
		release(af);
		return DM_ERROR;
	}
	return 0;
}

/* Records why writing af failed: e, or the stream's own failure. */
static int
fail(struct atomic_file *af, int e)
{
	if (af->err != 0)
		e = af->err;
	return dm_error(DM_ERROR, "cannot write '%s': %s", af->path,
	    e == ENOSPC ? "disk full" : strerror(e != 0 ? e : EIO));
}

int
atomic_file_commit(struct atomic_file *af)
{
	FILE *fp = af->fp;
	int rc = 0;

	af->fp = NULL;
	errno = 0;
	if (fflush(fp) == EOF || ferror(fp) ||
	    /* A device or a FIFO is written through: nothing to sync. */
	    (af->tmp != NULL && fsync(af->fd) == -1))
		rc = fail(af, errno);
	if (fclose(fp) == EOF && rc == 0)
		rc = fail(af, errno);
	if (rc == 0 && af->tmp != NULL && rename(af->tmp, af->path) == -1)
		rc = fail(af, errno);
	if (rc != 0 && af->tmp != NULL)
		unlink(af->tmp);
	release(af);
	return rc;
}

void
atomic_file_abort(struct atomic_file *af)
{
	if (af->fp != NULL) {
		fclose(af->fp);
		if (af->tmp != NULL)
			unlink(af->tmp);
	}
	release(af);
}

int
atomic_file_finish(struct atomic_file *af, int rc)
{
	if (rc == 0)
		return atomic_file_commit(af);
	/* A write to the file failed: say so, not what the writer saw. */
	if (af->fp != NULL && (af->err != 0 || ferror(af->fp)))
		rc = fail(af, 0);
	atomic_file_abort(af);
	return rc;
}
