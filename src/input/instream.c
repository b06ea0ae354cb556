#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "instream.h"

/* One read of the input itself, past what was read ahead. */
static ssize_t
raw_read(struct instream *in, void *buf, size_t max)
{
	ssize_t n;
	size_t got;

	if (in->fd < 0) {
		got = fread(buf, 1, max, in->fp);
		return got == 0 && ferror(in->fp) ? -1 : (ssize_t)got;
	}
	while ((n = read(in->fd, buf, max)) == -1 && errno == EINTR)
		;
	return n;
}

void
instream_open(struct instream *in, FILE *fp)
{
	ssize_t got = 0;

	memset(in, 0, sizeof(*in));
	in->fp = fp;
	in->fd = fileno(fp);
	/* A pipe gives a little at a time: the head is read whole. */
	while (in->n < INSTREAM_HEAD && (got = raw_read(in, in->head + in->n,
	    INSTREAM_HEAD - in->n)) > 0)
		in->n += (size_t)got;
	if (in->n < INSTREAM_HEAD) {
		in->eof = got == 0;
		in->err = got < 0 ? errno : 0;
	}
	in->head[in->n] = '\0';
}

ssize_t
instream_read(struct instream *in, void *buf, size_t max)
{
	size_t n;

	if (in->pos < in->n) {
		n = in->n - in->pos < max ? in->n - in->pos : max;
		memcpy(buf, in->head + in->pos, n);
		in->pos += n;
		return (ssize_t)n;
	}
	if (in->err != 0) {
		errno = in->err;
		return -1;
	}
	/* A terminal's end of input is not asked for twice. */
	return in->eof ? 0 : raw_read(in, buf, max);
}
