// Wide-character curses for Swift: macros and globals Swift cannot import, as static inline functions.
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

static inline WINDOW *tt_stdscr(void) { return stdscr; }
static inline int tt_lines(void) { return LINES; }
static inline int tt_cols(void) { return COLS; }
static inline int tt_colors(void) { return COLORS; }
static inline int tt_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t tt_a_bold(void) { return A_BOLD; }
static inline attr_t tt_a_dim(void) { return A_DIM; }
static inline attr_t tt_a_reverse(void) { return A_REVERSE; }
static inline attr_t tt_a_underline(void) { return A_UNDERLINE; }
static inline int tt_key_resize(void) { return KEY_RESIZE; }
static inline int tt_key_mouse(void) { return KEY_MOUSE; }
static inline int tt_err(void) { return ERR; }
static inline int tt_key_code_yes(void) { return KEY_CODE_YES; }

/// Puts one cell: a spacing character plus up to four combining characters, with attributes and a colour pair.
static inline int tt_put_cell(int y, int x, const wchar_t *text, attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

/// Reads one key or character; returns ERR on timeout, KEY_CODE_YES for function keys.
static inline int tt_get_key(wint_t *key) { return get_wch(key); }

static inline int tt_mouse_on(void) { return mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL) != 0; }
static inline int tt_mouse_button4(void) { return BUTTON4_PRESSED; }
static inline int tt_mouse_button5(void) { return BUTTON5_PRESSED; }
static inline int tt_mouse_button1(void) { return BUTTON1_PRESSED; }
#endif
