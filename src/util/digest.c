#include "digest.h"

void
digest_init(struct digest *d)
{
	sha256_init(&d->ctx);
}

void
digest_update(struct digest *d, const void *data, size_t len)
{
	sha256_update(&d->ctx, len, data);
}

void
digest_final(struct digest *d, char hex[DIGEST_HEX_LEN + 1])
{
	static const char xdigits[] = "0123456789abcdef";
	unsigned char raw[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_digest(&d->ctx, sizeof(raw), raw);
	for (i = 0; i < sizeof(raw); i++) {
		hex[2 * i] = xdigits[raw[i] >> 4];
		hex[2 * i + 1] = xdigits[raw[i] & 0xf];
	}
	hex[DIGEST_HEX_LEN] = '\0';
}

void
digest_hex(const void *data, size_t len, char hex[DIGEST_HEX_LEN + 1])
{
	struct digest d;

	digest_init(&d);
	digest_update(&d, data, len);
	digest_final(&d, hex);
}
