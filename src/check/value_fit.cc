#include "check/value_fit.h"

#include <cerrno>
#include <climits>

#include "values/value.h"

namespace ks::check {

namespace {

const std::string kErrnoRange = std::to_string(-values::kMaxErrno) + "..-1";

bool fits(long value, unsigned size, bool is_signed) {
  if (size >= sizeof(long) || size == 0) return true;
  long bits = static_cast<long>(size) * 8;
  if (is_signed) return value >= -(1L << (bits - 1)) && value < (1L << (bits - 1));
  return value >= 0 && value < (1L << bits);
}

}  // namespace

std::vector<Reason> value_fit(const btf::Prototype& p, long value) {
  const std::string& f = p.name;
  std::string v = values::describe_value(value, p.return_kind);
  bool errno_range = value < 0 && value >= -values::kMaxErrno;
  switch (p.return_kind) {
    case btf::TypeKind::kVoid:
      return {{Severity::kUnsafe, "void",
               f + " returns void: the value is ignored, callers never learn the call was skipped and go on as if "
                   "its work was done; skipping the body of a void function can leave locks, counts or lists "
                   "inconsistent (engaging af_alg_pull_tsgl oopses). Engage a caller that returns an error instead"}};
    case btf::TypeKind::kPointer:
      if (value == 0)
        return {{Severity::kWarning, "null_pointer",
                 f + " returns a pointer: callers get NULL; make sure they check for NULL and not only IS_ERR()"}};
      if (errno_range) return {{Severity::kInfo, "err_ptr", f + " returns a pointer: callers get " + v}};
      return {{Severity::kUnsafe, "pointer_value",
               f + " returns a pointer: only NULL or ERR_PTR(-errno) (" + kErrnoRange +
                   ") are safe; callers would dereference " + v}};
    case btf::TypeKind::kBool:
      if (value == 0 || value == 1) return {{Severity::kInfo, "bool", f + " returns bool: callers get " + v}};
      return {{Severity::kUnsafe, "bool_value", f + " returns bool: use false (0) or true (1), not " + v}};
    case btf::TypeKind::kEnum:
      return {
          {Severity::kWarning, "enum", f + " returns " + p.return_type + ": make sure " + v + " is one of its values"}};
    case btf::TypeKind::kAggregate:
    case btf::TypeKind::kOther:
      return {{Severity::kUnsafe, "return_type",
               f + " returns " + p.return_type + ", which a killswitch cannot set (only a register value)"}};
    case btf::TypeKind::kUnsigned:
      if (value < 0 || !fits(value, p.return_size, false)) {
        if (p.return_size >= sizeof(long) && errno_range)
          return {{Severity::kWarning, "unsigned_errno",
                   f + " returns " + p.return_type + ": " + v +
                       " arrives as a huge number unless callers test IS_ERR_VALUE()"}};
        return {{Severity::kUnsafe, "out_of_range",
                 f + " returns " + p.return_type + " (" + std::to_string(p.return_size) + " bytes, unsigned): " + v +
                     " does not fit"}};
      }
      if (value == 0)
        return {{Severity::kWarning, "zero",
                 f + " returns " + p.return_type + ": callers get 0, which may read as success or as nothing done"}};
      return {{Severity::kWarning, "positive",
               f + " returns " + p.return_type + ": callers get " + v + " and may take it as a count, size or handle"}};
    case btf::TypeKind::kSigned:
      if (!fits(value, p.return_size, true))
        return {{Severity::kUnsafe, "out_of_range",
                 f + " returns " + p.return_type + " (" + std::to_string(p.return_size) + " bytes): " + v +
                     " does not fit"}};
      if (errno_range) return {{Severity::kInfo, "errno", f + " returns " + p.return_type + ": callers get " + v}};
      if (value == 0)
        return {{Severity::kWarning, "zero",
                 f + " returns " + p.return_type + ": 0 usually means success, so callers go on as if " + f +
                     " had done its work"}};
      if (value < 0)
        return {{Severity::kWarning, "not_errno",
                 f + " returns " + p.return_type + ": " + v + " is negative but not an errno (" + kErrnoRange + ")"}};
      return {{Severity::kWarning, "positive",
               f + " returns " + p.return_type + ": callers get " + v + " and may take it as a count, size or handle"}};
  }
  return {};
}

std::optional<long> default_value(const btf::Prototype* p) {
  if (!p) return std::nullopt;
  switch (p->return_kind) {
    case btf::TypeKind::kSigned:
    case btf::TypeKind::kPointer:
      return -static_cast<long>(EPERM);
    case btf::TypeKind::kBool:
      return 0L;
    case btf::TypeKind::kVoid:
      return 0L;
    default:
      return std::nullopt;
  }
}

}  // namespace ks::check
