/* What MyHTML's public header (myhtml/api.h) does not show of a tree being built, read from its own header
   (myhtml/tree.h, which cannot be included beside api.h in one unit). */
#include <myhtml/tree.h>

/* The number of elements open while the tree is built: the depth the parser works at, which every HTML5
   "in scope" check walks. */
size_t xxgk_myhtml_open_elements(myhtml_tree_t *tree) { return tree->open_elements ? tree->open_elements->length : 0; }
