#include "profile/profile.h"

#include <toml++/toml.h>

#include <fstream>
#include <regex>
#include <sstream>

extern "C" {
#include "errno_names.h"
}
#include "profile/target_check.h"
#include "profile/versions.h"

namespace ks::profile {

wire::Command Target::command() const {
  return wire::Command::engage(function, retval,
                               condition.empty() ? std::nullopt : std::optional<std::string>(condition));
}

namespace {

// Walks the parsed table, collecting the first error with its position.
class Reader {
 public:
  Reader(const toml::table& root, std::string file) : root_(root), file_(std::move(file)) {}

  util::Result<Profile> read();

 private:
  tl::unexpected<util::Error> error_at(const toml::node* node, std::string what) const {
    util::Location where{file_, 0, 0};
    if (node) {
      where.line = node->source().begin.line;
      where.column = node->source().begin.column;
    }
    return util::fail_at(std::move(where), std::move(what));
  }

  // A string at @key of @table: required or optional (empty when missing).
  util::Result<std::string> string_at(const toml::table& table, std::string_view key, bool required,
                                      std::string_view where) const {
    const toml::node* node = table.get(key);
    if (!node) {
      if (required) return error_at(&table, std::string(where) + "missing key \"" + std::string(key) + "\"");
      return std::string();
    }
    auto s = node->value<std::string>();
    if (!s || !node->is_string())
      return error_at(node, std::string(where) + "\"" + std::string(key) + "\" must be a string");
    if (required && s->empty())
      return error_at(node, std::string(where) + "\"" + std::string(key) + "\" must not be empty");
    return *s;
  }

  util::Result<std::vector<std::string>> strings_at(const toml::table& table, std::string_view key) const {
    std::vector<std::string> out;
    const toml::node* node = table.get(key);
    if (!node) return out;
    const toml::array* arr = node->as_array();
    if (!arr) return error_at(node, "\"" + std::string(key) + "\" must be an array of strings");
    for (const toml::node& item : *arr) {
      auto s = item.value<std::string>();
      if (!item.is_string() || !s) return error_at(&item, "\"" + std::string(key) + "\" must hold only strings");
      out.push_back(*s);
    }
    return out;
  }

  util::Result<void> unknown_keys(const toml::table& table, std::initializer_list<std::string_view> known,
                                  std::string_view where) const {
    for (auto&& [key, node] : table) {
      bool ok = false;
      for (auto k : known) ok = ok || key.str() == k;
      if (!ok) return error_at(&node, "unknown key \"" + std::string(key.str()) + "\"" + std::string(where));
    }
    return {};
  }

  util::Result<void> read_versions(Profile& p) const;
  util::Result<void> read_targets(Profile& p) const;
  util::Result<void> read_proof(Profile& p) const;

  const toml::table& root_;
  std::string file_;
};

util::Result<Profile> Reader::read() {
  Profile p;
  KS_TRY(unknown_keys(
      root_, {"id", "title", "subsystem", "summary", "references", "affected", "fixed", "target", "behaviour", "proof"}, ""));
  KS_TRY_ASSIGN(auto id, string_at(root_, "id", true, ""));
  static const std::regex kCve("CVE-[0-9]{4}-[0-9]{4,}");
  if (!std::regex_match(id, kCve))
    return error_at(root_.get("id"), "\"id\" must be a CVE id like CVE-2026-31431, not \"" + id + "\"");
  p.id = id;
  KS_TRY_ASSIGN(auto title, string_at(root_, "title", true, ""));
  p.title = title;
  KS_TRY_ASSIGN(p.subsystem, string_at(root_, "subsystem", false, ""));
  KS_TRY_ASSIGN(auto summary, string_at(root_, "summary", true, ""));
  p.summary = summary;
  KS_TRY_ASSIGN(auto refs, strings_at(root_, "references"));
  p.references = refs;
  KS_TRY(read_versions(p));
  KS_TRY(read_targets(p));

  const toml::node* beh = root_.get("behaviour");
  if (!beh || !beh->is_table())
    return error_at(beh ? beh : &root_, "missing table [behaviour] with \"preserves\" and \"breaks\"");
  KS_TRY(unknown_keys(*beh->as_table(), {"preserves", "breaks"}, " in [behaviour]"));
  KS_TRY_ASSIGN(auto preserves, string_at(*beh->as_table(), "preserves", true, "[behaviour]: "));
  KS_TRY_ASSIGN(auto breaks, string_at(*beh->as_table(), "breaks", true, "[behaviour]: "));
  p.preserves = preserves;
  p.breaks = breaks;
  KS_TRY(read_proof(p));
  return p;
}

util::Result<void> Reader::read_proof(Profile& p) const {
  const toml::node* node = root_.get("proof");
  if (!node) return {};
  if (!node->is_table()) return error_at(node, "\"proof\" must be a table");
  const toml::table& t = *node->as_table();
  KS_TRY(unknown_keys(t, {"trigger", "refused", "modules", "keeps"}, " in [proof]"));
  Proof proof;
  KS_TRY_ASSIGN(proof.trigger, strings_at(t, "trigger"));
  if (proof.trigger.empty()) return error_at(&t, "[proof]: \"trigger\" must name ks-trigger's words");
  KS_TRY_ASSIGN(proof.refused, string_at(t, "refused", true, "[proof]: "));
  proof.refused_errno = ks_errno_value(proof.refused.c_str());
  if (proof.refused_errno <= 0)
    return error_at(t.get("refused"), "[proof]: \"refused\" must be an errno name like \"EPERM\"");
  KS_TRY_ASSIGN(proof.modules, strings_at(t, "modules"));
  if (const toml::node* keeps = t.get("keeps")) {
    const toml::array* arr = keeps->as_array();
    if (!arr) return error_at(keeps, "[proof]: \"keeps\" must be an array of arrays of strings");
    for (const toml::node& item : *arr) {
      const toml::array* words = item.as_array();
      if (!words || words->empty()) return error_at(&item, "[proof]: each of \"keeps\" must be ks-trigger's words");
      std::vector<std::string> w;
      for (const toml::node& word : *words) {
        auto s = word.value_exact<std::string>();
        if (!s) return error_at(&word, "[proof]: \"keeps\" must hold only strings");
        w.push_back(*s);
      }
      proof.keeps.push_back(std::move(w));
    }
  }
  p.proof = std::move(proof);
  return {};
}

util::Result<void> Reader::read_versions(Profile& p) const {
  if (const toml::node* aff = root_.get("affected")) {
    if (!aff->is_table()) return error_at(aff, "\"affected\" must be a table");
    KS_TRY(unknown_keys(*aff->as_table(), {"introduced"}, " in [affected]"));
    KS_TRY_ASSIGN(auto intro, string_at(*aff->as_table(), "introduced", false, "[affected]: "));
    if (!intro.empty() && !parse_upstream_version(intro))
      return error_at(aff->as_table()->get("introduced"), parse_upstream_version(intro).error().what);
    p.introduced = intro;
  }
  const toml::node* fixed = root_.get("fixed");
  if (!fixed) return {};
  if (!fixed->is_table()) return error_at(fixed, "\"fixed\" must be a table");
  const toml::table& ft = *fixed->as_table();
  KS_TRY(unknown_keys(ft, {"mainline", "upstream", "debian", "note"}, " in [fixed]"));
  KS_TRY_ASSIGN(auto mainline, string_at(ft, "mainline", false, "[fixed]: "));
  if (!mainline.empty() && !parse_upstream_version(mainline))
    return error_at(ft.get("mainline"), parse_upstream_version(mainline).error().what);
  p.fixed_mainline = mainline;
  KS_TRY_ASSIGN(auto up, strings_at(ft, "upstream"));
  std::vector<std::string> series_seen;
  for (size_t i = 0; i < up.size(); ++i) {
    auto v = parse_upstream_version(up[i]);
    if (!v) return error_at(ft.get("upstream")->as_array()->get(i), v.error().what);
    for (auto& s : series_seen)
      if (s == v->series())
        return error_at(ft.get("upstream")->as_array()->get(i), "two fixed upstream versions for the " + s + " series");
    series_seen.push_back(v->series());
  }
  p.fixed_upstream = up;
  KS_TRY_ASSIGN(auto deb, strings_at(ft, "debian"));
  for (size_t i = 0; i < deb.size(); ++i) {
    auto ok = check_debian_version(deb[i]);
    if (!ok) return error_at(ft.get("debian")->as_array()->get(i), ok.error().what);
    p.fixed_packages.push_back({"debian", deb[i]});
  }
  KS_TRY_ASSIGN(auto note, string_at(ft, "note", false, "[fixed]: "));
  p.fix_note = note;
  return {};
}

util::Result<void> Reader::read_targets(Profile& p) const {
  const toml::node* node = root_.get("target");
  if (!node) return error_at(&root_, "no [[target]]: a profile engages at least one function");
  const toml::array* arr = node->as_array();
  if (!arr || !arr->is_array_of_tables()) return error_at(node, "\"target\" must be an array of tables: [[target]]");
  if (arr->empty()) return error_at(node, "no [[target]]: a profile engages at least one function");
  for (const toml::node& item : *arr) {
    const toml::table& t = *item.as_table();
    KS_TRY(unknown_keys(t, {"function", "value", "condition"}, " in [[target]]"));
    Target target;
    KS_TRY_ASSIGN(auto fn, string_at(t, "function", true, "[[target]]: "));
    target.function = fn;
    const toml::node* value = t.get("value");
    if (!value) return error_at(&t, "[[target]]: missing key \"value\"");
    if (auto i = value->value_exact<int64_t>())
      target.value = std::to_string(*i);
    else if (auto s = value->value_exact<std::string>())
      target.value = *s;
    else
      return error_at(value, "[[target]]: \"value\" must be an integer or a string like \"-EPERM\"");
    KS_TRY_ASSIGN(auto cond, string_at(t, "condition", false, "[[target]]: "));
    target.condition = cond;
    auto checked = check_target(target);
    if (!checked) return error_at(&t, "[[target]] " + target.function + ": " + checked.error().what);
    for (auto& other : p.targets)
      if (other.function == target.function) return error_at(&t, "[[target]] " + target.function + " appears twice");
    p.targets.push_back(std::move(target));
  }
  return {};
}

}  // namespace

util::Result<Profile> parse_profile(std::string_view text, const std::filesystem::path& source) {
  toml::table root;
  try {
    root = toml::parse(text, source.string());
  } catch (const toml::parse_error& e) {
    return util::fail_at(
        {source.string(), static_cast<long>(e.source().begin.line), static_cast<long>(e.source().begin.column)},
        std::string(e.description()));
  }
  auto p = Reader(root, source.string()).read();
  if (p) p->source = source;
  return p;
}

util::Result<Profile> load_profile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return util::fail_at({path.string(), 0, 0}, "cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_profile(text.str(), path);
}

}  // namespace ks::profile
