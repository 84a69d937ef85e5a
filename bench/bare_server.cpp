// The yardstick for the request path: a bare Beast server of the same shape as Pillars (one
// C++20 coroutine per connection on a multi-threaded io_context, one thread per core, keep-alive,
// a small JSON body), with nothing else: no routing, no request ids, no security headers, no
// access log, no metrics. `make bench` and `make bench-quick` report Pillars' /healthz as a share
// of what this answers on the same machine in the same run.
//
//   bare_server [--listen 127.0.0.1:0]   prints "listening on http://127.0.0.1:PORT"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

asio::awaitable<void> serve(tcp::socket socket) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> req;
    auto [ec, n] = co_await http::async_read(socket, buffer, req, asio::as_tuple(asio::use_awaitable));
    if (ec) break;
    http::response<http::string_body> res{http::status::ok, req.version()};
    res.set(http::field::content_type, "application/json");
    res.body() = R"({"status":"ok"})";
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    auto [wec, written] = co_await http::async_write(socket, res, asio::as_tuple(asio::use_awaitable));
    if (wec || !res.keep_alive()) break;
  }
  beast::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> listen(tcp::acceptor acceptor) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
    if (ec) continue;
    socket.set_option(tcp::no_delay(true));
    asio::co_spawn(acceptor.get_executor(), serve(std::move(socket)), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string listen_at = "127.0.0.1:0";
  if (argc == 3 && std::string_view(argv[1]) == "--listen") listen_at = argv[2];
  else if (argc != 1) {
    std::cerr << "usage: bare_server [--listen HOST:PORT]\n";
    return 2;
  }
  auto colon = listen_at.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "--listen must look like 127.0.0.1:8081\n";
    return 2;
  }
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  asio::io_context io(static_cast<int>(threads));
  tcp::endpoint endpoint(asio::ip::make_address(listen_at.substr(0, colon)),
                         static_cast<unsigned short>(std::atoi(listen_at.c_str() + colon + 1)));
  tcp::acceptor acceptor(io, endpoint);
  std::cout << "listening on http://" << acceptor.local_endpoint() << std::endl;
  asio::co_spawn(io, listen(std::move(acceptor)), asio::detached);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](auto, auto) { io.stop(); });
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
}
