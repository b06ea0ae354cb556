#include <sys/stat.h>

#include <errno.h>
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
}

int
atomic_file_open(struct atomic_file *af, const char *path)
{
	mode_t mask;
	size_t len;
	int fd, saved;

	af->fp = NULL;
	af->tmp = NULL;
	len = strlen(path);
	if ((af->path = strdup(path)) == NULL ||
	    (af->tmp = malloc(len + sizeof(".XXXXXX"))) == NULL) {
		release(af);
		return dm_error(DM_ERROR, "out of memory");
	}
	memcpy(af->tmp, path, len);
	memcpy(af->tmp + len, ".XXXXXX", sizeof(".XXXXXX"));
	if ((fd = mkstemp(af->tmp)) == -1) {
		saved = errno;
		release(af);
		return dm_error(DM_ERROR, "cannot create '%s': %s", path,
		    strerror(saved));
	}
	watch(af->tmp);
	/* mkstemp() makes 0600; the umask can only be read by setting it. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) == -1 ||
	    (af->fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		unlink(af->tmp);
		release(af);
		return dm_error(DM_ERROR, "cannot create '%s': %s", path,
		    strerror(saved));
	}
	return 0;
}

int
atomic_file_commit(struct atomic_file *af)
{
	FILE *fp = af->fp;
	int saved;

	af->fp = NULL;
	errno = 0;
	if (fflush(fp) == EOF || ferror(fp))
		goto fail;
	if (fsync(fileno(fp)) == -1)
		goto fail;
	if (fclose(fp) == EOF) {
		fp = NULL;
		goto fail;
	}
	fp = NULL;
	if (rename(af->tmp, af->path) == -1)
		goto fail;
	release(af);
	return 0;
fail:
	/* ferror() alone leaves errno as it was: say something true. */
	saved = errno != 0 ? errno : EIO;
	if (fp != NULL)
		fclose(fp);
	unlink(af->tmp);
	dm_error(DM_ERROR, "cannot write '%s': %s", af->path,
	    strerror(saved));
	release(af);
	return DM_ERROR;
}

void
atomic_file_abort(struct atomic_file *af)
{
	if (af->fp != NULL) {
		fclose(af->fp);
		unlink(af->tmp);
	}
	release(af);
}

int
atomic_file_finish(struct atomic_file *af, int rc)
{
	if (rc != 0) {
		atomic_file_abort(af);
		return rc;
	}
	return atomic_file_commit(af);
}
