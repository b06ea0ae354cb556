#include <dlfcn.h>

#include "dynlib.h"
#include "error.h"

int
dynlib_load(const char *soname, const char *package,
    const struct dynlib_sym *syms, size_t n)
{
	void *lib;
	size_t i, j;

	if (n > 0 && *syms[0].slot != NULL)
		return 0;
	if ((lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return dm_error(DM_ERROR, "cannot load %s (apt install %s): %s",
		    soname, package, dlerror());
	for (i = 0; i < n; i++)
		if ((*syms[i].slot = dlsym(lib, syms[i].name)) == NULL) {
			for (j = 0; j < i; j++)
				*syms[j].slot = NULL;
			dlclose(lib);
			return dm_error(DM_ERROR, "%s lacks %s", soname,
			    syms[i].name);
		}
	return 0;
}
