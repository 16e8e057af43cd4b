// zstd (Debian's libzstd-dev): compression with a dictionary, and training one (see TraceStore's `Zstd`).
#ifndef CZSTD_SHIM_H
#define CZSTD_SHIM_H
#include <zstd.h>
#include <zdict.h>
#endif
