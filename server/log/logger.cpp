#include "log/logger.h"

#include <boost/json/serialize.hpp>
#include <cstdio>
#include <mutex>
#include <string>

#include "kete/time_format.h"

namespace kete::log {
namespace {

std::mutex g_mutex;

void write(std::string_view level, std::string_view event, boost::json::object fields) {
  boost::json::object line;
  line["ts"] = rfc3339_utc_now(true);
  line["level"] = level;
  line["event"] = event;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  std::string text = boost::json::serialize(line);
  text += '\n';
  std::lock_guard lock(g_mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace

void info(std::string_view event, boost::json::object fields) { write("info", event, std::move(fields)); }
void warn(std::string_view event, boost::json::object fields) { write("warn", event, std::move(fields)); }
void error(std::string_view event, boost::json::object fields) { write("error", event, std::move(fields)); }

void request(std::string_view method, std::string_view path, int status, double duration_ms, std::string_view user_id,
             std::string_view remote) {
  boost::json::object fields{{"method", method}, {"path", path}, {"status", status},
                             {"duration_us", static_cast<std::int64_t>(duration_ms * 1000.0)},
                             {"remote", remote}};
  if (!user_id.empty()) fields["user_id"] = user_id;
  write("info", "request", std::move(fields));
}

}  // namespace kete::log
