/*
 * Libraries loaded on first use rather than linked: a library linked
 * into the program, with all it depends on, costs every command its
 * loading before main(), whether the command needs it or not.
 */
#ifndef DM_DYNLIB_H
#define DM_DYNLIB_H

#include <stddef.h>

/*
 * Fails the build unless fn, as the library's header declares it, has
 * the function type type that its pointer is stored as.
 */
#define DYNLIB_TYPED(fn, type) \
	_Static_assert(_Generic((fn), type *: 1, default: 0), #fn)

/* A symbol to look up, and the function pointer it is stored in. */
struct dynlib_sym {
	const char	 *name;
	void		**slot;
};

/*
 * Opens soname and fills every slot: 0, or DM_ERROR naming the Debian
 * package to install or the missing symbol, with every slot left NULL.
 * Once it has succeeded (the first slot is set), it returns 0 at once.
 */
int	dynlib_load(const char *soname, const char *package,
	    const struct dynlib_sym *syms, size_t n);

#endif
