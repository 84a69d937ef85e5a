// Coroutine access to the Store: `co_await read(store, fn)` runs fn on a reader thread and
// `co_await write(store, fn)` on the writer thread; the coroutine resumes on its own executor,
// after the write is durable.
//
// Capture by reference only: GCC 12 destroys temporaries inside a co_await expression twice, so a
// lambda that owns strings must not be created inside the co_await. The coroutine frame outlives
// the job, so references to its locals are safe.
#pragma once

#include <boost/asio/async_result.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <spdlog/spdlog.h>

#include <memory>
#include <optional>
#include <type_traits>

#include "store/store.h"

namespace pillars::api {

namespace detail {
template <class R, class Handler>
void resume(Handler handler, std::optional<R> value) {
  auto home = boost::asio::get_associated_executor(handler);
  boost::asio::dispatch(home, [handler = std::move(handler), value = std::move(value)]() mutable {
    std::move(handler)(std::move(value));
  });
}
}  // namespace detail

// fn: (ReadTx&) -> Result<T>
template <class F>
auto read(store::Store& store, F fn) -> boost::asio::awaitable<std::invoke_result_t<F&, store::ReadTx&>> {
  using R = std::invoke_result_t<F&, store::ReadTx&>;
  auto result = co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(std::optional<R>)>(
      [&store](auto handler, F work) {
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        store.submit_read([shared, work = std::move(work)](store::ReadTx& tx) mutable {
          std::optional<R> value;
          try {
            value.emplace(work(tx));
          } catch (const std::exception& e) {
            // The caller answers 500; what went wrong goes to the log (store errors carry no
            // private text: values are always bound, never part of a statement).
            spdlog::error("a read job failed: {}", e.what());
          }
          detail::resume<R>(std::move(*shared), std::move(value));
        });
      },
      boost::asio::use_awaitable, std::move(fn));
  if (!result) co_return R(std::unexpect, Error(Errc::internal));
  co_return std::move(*result);
}

// fn: (WriteTx&) -> Result<T>; an error result undoes the job's changes.
template <class F>
auto write(store::Store& store, F fn) -> boost::asio::awaitable<std::invoke_result_t<F&, store::WriteTx&>> {
  using R = std::invoke_result_t<F&, store::WriteTx&>;
  auto result = co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(std::optional<R>)>(
      [&store](auto handler, F work) {
        struct State {
          decltype(handler) h;
          std::optional<R> value;
        };
        auto state = std::make_shared<State>(State{std::move(handler), std::nullopt});
        store.submit_write(
            [state, work = std::move(work)](store::WriteTx& tx) mutable {
              state->value.emplace(work(tx));
              return state->value->has_value();
            },
            [state](bool durable) {
              if (!durable && state->value && state->value->has_value())
                state->value.emplace(std::unexpect, Error(Errc::internal, "Saving failed; please try again."));
              detail::resume<R>(std::move(state->h), std::move(state->value));
            });
      },
      boost::asio::use_awaitable, std::move(fn));
  if (!result) co_return R(std::unexpect, Error(Errc::internal));
  co_return std::move(*result);
}

}  // namespace pillars::api
