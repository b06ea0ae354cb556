/*
 * FNV-1a, the hash of the in-memory tables (graph nodes, timeline groups,
 * the coders' words, the tokenizer's stem cache): short keys, no seed to
 * keep secret, and slots taken from its low bits.
 */
#ifndef DM_HASH_H
#define DM_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_INIT	2166136261u

static inline uint32_t
hash_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

static inline uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t h = HASH_INIT;

	while (n-- > 0)
		h = hash_step(h, (unsigned char)*s++);
	return h;
}

static inline uint32_t
hash_str(const char *s)
{
	uint32_t h = HASH_INIT;

	while (*s != '\0')
		h = hash_step(h, (unsigned char)*s++);
	return h;
}

#endif
