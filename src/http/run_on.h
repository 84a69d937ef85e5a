// Runs blocking work on another executor (a CPU pool, a disk pool) and resumes the calling
// coroutine on its own executor with the result. I/O threads never wait on disk or on Argon2.
#pragma once

#include <boost/asio/async_result.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <optional>
#include <type_traits>

namespace pillars::http {

template <class Executor, class F>
auto run_on(Executor executor, F fn) -> boost::asio::awaitable<std::invoke_result_t<F&>> {
  using R = std::invoke_result_t<F&>;
  auto result = co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                                     void(std::exception_ptr, std::optional<R>)>(
      [executor](auto handler, F work) {
        boost::asio::post(executor, [handler = std::move(handler), work = std::move(work)]() mutable {
          std::exception_ptr error;
          std::optional<R> value;
          try {
            value.emplace(work());
          } catch (...) {
            error = std::current_exception();
          }
          auto home = boost::asio::get_associated_executor(handler);
          boost::asio::dispatch(home, [handler = std::move(handler), error, value = std::move(value)]() mutable {
            std::move(handler)(error, std::move(value));
          });
        });
      },
      boost::asio::use_awaitable, std::move(fn));
  co_return std::move(*result);
}

}  // namespace pillars::http
