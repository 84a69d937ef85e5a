#include "app/config.h"

int main(int argc, char** argv) { return pillars::app::run(argc, argv); }
