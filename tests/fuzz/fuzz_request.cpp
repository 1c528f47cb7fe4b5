// libFuzzer target: the server's whole request handling in-process — routing, authentication,
// JSON decoding of every wire type, validation, the scope rules and storage — over a real data
// folder holding the demo business, as each of its people (or nobody). No request may crash the
// server, answer outside the contract's status codes, or leave the database damaged.
//
// Input: one byte choosing who asks, then "METHOD TARGET\n", header lines, an empty line, body.
#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/data_folder.h"
#include "domain/demo_business.h"
#include "routes.h"
#include "server_context.h"
#include "storage/identity_store.h"
#include "storage/record_store.h"
#include "storage/sqlite_database.h"

namespace {

struct World {
  std::filesystem::path dir;
  std::unique_ptr<kete::cli::DataFolder> folder;
  std::unique_ptr<kete::ServerContext> context;
  kete::http::Handler handle;
  kete::http::RequestHandlers handlers;
  std::vector<std::string> tokens;  // one per demo person
};

World* world = nullptr;

std::string_view line(std::string_view& rest) {
  const auto end = rest.find('\n');
  auto out = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  world = new World;
  world->dir = std::filesystem::temp_directory_path() / ("kete-fuzz-" + std::to_string(::getpid()));
  std::filesystem::remove_all(world->dir);
  // Each run's folder goes when the run ends, rather than piling up in the temporary folder.
  std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(world->dir, ignored);
  });
  auto folder = kete::cli::open_data_folder(world->dir.string());
  if (!folder) std::abort();
  world->folder = std::make_unique<kete::cli::DataFolder>(std::move(folder.value()));
  {
    auto& db = world->folder->databases->for_this_thread();
    kete::storage::IdentityStore identities(db);
    kete::storage::RecordStore records(db);
    kete::storage::Transaction tx(db);
    bool already = false;
    auto logins = kete::domain::seed_demo_business(identities, records, already);
    if (!logins) std::abort();
    tx.commit();
    world->context = std::make_unique<kete::ServerContext>(world->dir, *world->folder->databases, kete::auth::AuthSettings{});
    world->handlers = kete::make_request_handlers(*world->context);
    world->handle = world->handlers.handle;
    for (const auto& login : logins.value()) {
      kete::http::Request r;
      r.method = "POST";
      r.path = "/api/v1/auth/login";
      r.headers.emplace_back("content-type", "application/json");
      r.body = R"({"email":")" + login.email + R"(","password":")" + std::string(kete::domain::kDemoPassword) + "\"}";
      r.remote_address = "127.0.0.1";
      const auto answer = world->handle(r);
      if (answer.status != 200) std::abort();
      boost::system::error_code ec;
      auto body = boost::json::parse(answer.body, ec);
      world->tokens.push_back(std::string(body.at("token").as_string()));
    }
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  kete::http::Request r;
  const std::size_t who = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto request_line = line(rest);
  const auto space = request_line.find(' ');
  if (space == std::string_view::npos) return 0;
  r.method = std::string(request_line.substr(0, space));
  std::string_view target = request_line.substr(space + 1);
  // Sign-in, password and invite calls pay argon2 on purpose (tens of milliseconds), and logout
  // would end the sessions the rest of the run uses: they are covered by the suites instead.
  if (target.substr(0, 12) == "/api/v1/auth") return 0;
  const auto q = target.find('?');
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
  for (auto h = line(rest); !h.empty(); h = line(rest)) {
    const auto colon = h.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(h.substr(0, colon));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto value = h.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    r.headers.emplace_back(std::move(name), std::string(value));
  }
  r.body = std::string(rest);
  r.remote_address = "127.0.0.1";
  if (who < world->tokens.size()) r.headers.emplace_back("authorization", "Bearer " + world->tokens[who]);

  // The header stage (before a large body is read) must agree with the handler: a token it
  // refuses is refused by the handler too, and one it lets through is not refused as unknown.
  const auto traits = world->handlers.describe(r.method, r.path);
  std::optional<kete::http::Response> refused;
  if (traits.routed && !traits.open) refused = world->handlers.check_sign_in(r);
  const auto answer = world->handle(r);
  if (refused && answer.status != 401 && answer.status != 405) std::abort();
  if (traits.routed && !traits.open && !refused && answer.status == 401) std::abort();
  switch (answer.status) {
    case 200: case 201: case 204: case 206: case 400: case 401: case 403: case 404: case 405: case 409:
    case 413: case 415: case 416: case 429:
      break;
    default:
      std::abort();  // 500 (or anything else) is a bug: the contract has no other answers
  }
  return 0;
}
