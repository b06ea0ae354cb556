/*
 * Writes a file whole or not at all: the data goes to a temporary file
 * beside the target, which replaces the target by rename() only once
 * everything has reached the disk.  A reader sees the old file or the
 * new one, never a part, and a failure leaves the old file as it was.
 * SIGHUP, SIGINT or SIGTERM while the file is open removes the temporary
 * before the program ends; SIGKILL, which cannot be caught, leaves it.
 *
 * What is not a regular file is not replaced: a character device
 * (/dev/null, a terminal) or a FIFO is written straight through, and a
 * symbolic link stays, the file it leads to written as above, with the
 * temporary beside that file (as git places its lock files).  A file
 * replaced keeps its permissions.
 *
 *	struct atomic_file af;
 *	if ((rc = atomic_file_open(&af, path)) != 0)
 *		return rc;
 *	rc = ... write to af.fp ...;
 *	rc = atomic_file_finish(&af, rc);
 */
#ifndef DM_ATOMICFILE_H
#define DM_ATOMICFILE_H

#include <stdio.h>

struct atomic_file {
	FILE	*fp;	/* the stream to write to */
	char	*path;	/* the file to create or replace, links followed */
	char	*tmp;	/* the temporary "<path>.XXXXXX"; NULL written through */
	int	 fd;	/* what fp writes to */
	int	 err;	/* the errno of the first write that failed, or 0 */
};

/*
 * Sets *out to the file that writing path writes: path, or where its
 * symbolic links lead (a relative link read from its own directory),
 * which need not exist.  The caller frees *out.  Returns 0, or DM_ERROR
 * for a loop of links or when out of memory.
 */
int	atomic_file_target(char **out, const char *path);

/*
 * Creates a temporary file in the directory of path's target, with the
 * mode of the file it replaces, or the mode a new file would get (0666
 * less the umask), and opens af->fp on it; or opens a device or a FIFO
 * to write through.  Refuses a directory and any other kind of file.
 * Returns 0, or DM_ERROR naming the file and the reason; af is then left
 * empty, so atomic_file_abort() on it does nothing.
 */
int	atomic_file_open(struct atomic_file *af, const char *path);

/*
 * Flushes af->fp, syncs it to disk, closes it and renames the temporary
 * over path.  Returns 0, or DM_ERROR naming path and the reason ("disk
 * full" for ENOSPC), after removing the temporary.  Either way af is
 * released.
 */
int	atomic_file_commit(struct atomic_file *af);

/*
 * Closes and removes the temporary, leaving path untouched, and releases
 * af.  Does nothing on an af already committed or aborted.
 */
void	atomic_file_abort(struct atomic_file *af);

/*
 * Ends the writing that returned rc: commits when rc is 0, else aborts.
 * Returns what the writing or the commit returned; when a write to the
 * file is what failed, the message names the file and the reason.
 */
int	atomic_file_finish(struct atomic_file *af, int rc);

#endif
