/* SHA-256 digests in lowercase hex, over memory or a stream of chunks. */
#ifndef DM_DIGEST_H
#define DM_DIGEST_H

#include <stddef.h>

#include <nettle/sha2.h>

#define DIGEST_HEX_LEN 64

struct digest {
	struct sha256_ctx ctx;
};

void	digest_init(struct digest *d);
void	digest_update(struct digest *d, const void *data, size_t len);
/* Writes 64 hex digits and a NUL to hex. */
void	digest_final(struct digest *d, char hex[DIGEST_HEX_LEN + 1]);
/* One-shot digest of len bytes. */
void	digest_hex(const void *data, size_t len, char hex[DIGEST_HEX_LEN + 1]);

#endif
