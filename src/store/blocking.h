// Synchronous use of a Store, for command-line subcommands and tests: submit a job and wait.
#pragma once

#include <future>
#include <type_traits>

#include "store/store.h"

namespace pillars::store {

template <class F>
auto read_now(Store& store, F fn) -> std::invoke_result_t<F, ReadTx&> {
  using R = std::invoke_result_t<F, ReadTx&>;
  std::promise<R> promise;
  auto future = promise.get_future();
  store.submit_read([&](ReadTx& tx) { promise.set_value(fn(tx)); });
  return future.get();
}

// `fn` returns a Result<T>; an error result undoes the job's changes. `bulk` submits it with
// Store::submit_bulk (many new rows at once).
template <class F>
auto write_now(Store& store, F fn, bool bulk = false) -> std::invoke_result_t<F, WriteTx&> {
  using R = std::invoke_result_t<F, WriteTx&>;
  std::optional<R> result;
  std::promise<bool> committed;
  auto future = committed.get_future();
  auto job = [&](WriteTx& tx) {
    result.emplace(fn(tx));
    return result->has_value();
  };
  auto done = [&](bool durable) { committed.set_value(durable); };
  if (bulk) store.submit_bulk(job, done);
  else store.submit_write(job, done);
  bool durable = future.get();
  if (!result || (!durable && result->has_value()))
    return R(std::unexpect, Error(Errc::internal, "storage failed"));
  return std::move(*result);
}

}  // namespace pillars::store
