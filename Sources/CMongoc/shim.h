// Umbrella header for libmongoc 1.x (Debian's libmongoc-dev), found through
// pkg-config `libmongoc-1.0`. Nothing else: the Swift layer in MongoStore owns
// every use of these functions.
#include <mongoc/mongoc.h>
#include <bson/bson.h>
