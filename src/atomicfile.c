#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "error.h"

/* Frees what af holds and leaves it empty. */
static void
release(struct atomic_file *af)
{
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
