// The CLlama target only exposes llama.cpp's headers; SwiftPM needs one source file per C target.
#include "CLlama.h"
