// Boost.JSON and Boost.URL compiled from their sources, against the fuzzing build's libc++.
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
