/*
 * An input read in chunks: its first bytes read ahead, so that its format
 * is told from them whatever it is (a file, a pipe, a device), then given
 * back before the rest.  A read gives what one read(2) gives: a pipe's
 * bytes are taken as they come, and memory stays that of one chunk.
 */
#ifndef DM_INSTREAM_H
#define DM_INSTREAM_H

#include <stdio.h>
#include <sys/types.h>

/* The bytes read ahead: enough for every reader's detect(). */
#define INSTREAM_HEAD	4096

struct instream {
	FILE	*fp;
	int	 fd;		/* fp's descriptor, or -1: a stream in memory */
	char	 head[INSTREAM_HEAD + 1];	/* NUL-terminated */
	size_t	 n, pos;	/* bytes read ahead, and those given back */
	int	 eof;		/* the input ended within the head */
	int	 err;		/* errno of a read ahead that failed: given
				   after the bytes read before it */
};

/* Reads ahead the first bytes of fp, of which nothing was read before. */
void	instream_open(struct instream *in, FILE *fp);
/*
 * Up to max bytes into buf: their count, 0 at the end of the input, or -1
 * with errno set.
 */
ssize_t	instream_read(struct instream *in, void *buf, size_t max);

#endif
