// `pillars serve`: opens the store, starts the HTTP server, and shuts down cleanly on a signal.
#pragma once

#include "app/config.h"

namespace pillars::app {

int run_server(const ServeConfig& config);

}  // namespace pillars::app
