#include "system/module_signature.h"

#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include <cstdint>
#include <memory>

namespace ks::system {
namespace {

constexpr std::string_view kMagic = "~Module signature appended~\n";
constexpr size_t kTrailer = 12;  // struct module_signature
constexpr uint8_t kIdPkcs7 = 2;  // PKEY_ID_PKCS7

std::string hex(const ASN1_INTEGER* serial) {
  std::string out;
  static const char digits[] = "0123456789ABCDEF";
  for (int i = 0; i < serial->length; i++) {
    if (!out.empty()) out += ':';
    out += digits[serial->data[i] >> 4];
    out += digits[serial->data[i] & 15];
  }
  return out;
}

std::string common_name(X509_NAME* name) {
  int at = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (at < 0) {
    char buf[256];
    return X509_NAME_oneline(name, buf, sizeof(buf)) ? buf : "";
  }
  const ASN1_STRING* cn = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, at));
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(cn)), ASN1_STRING_length(cn));
}

}  // namespace

util::Result<ModuleSignature> read_module_signature(std::string_view bytes) {
  ModuleSignature sig;
  if (!bytes.ends_with(kMagic)) return sig;
  auto bad = [](const std::string& what) {
    return util::fail("unreadable module signature: " + what, std::make_error_code(std::errc::invalid_argument));
  };
  if (bytes.size() < kMagic.size() + kTrailer) return bad("too short");
  const auto* trailer = reinterpret_cast<const uint8_t*>(bytes.data() + bytes.size() - kMagic.size() - kTrailer);
  uint32_t sig_len = uint32_t(trailer[8]) << 24 | uint32_t(trailer[9]) << 16 | uint32_t(trailer[10]) << 8 | trailer[11];
  if (trailer[2] != kIdPkcs7) return bad("not PKCS#7");
  size_t room = bytes.size() - kMagic.size() - kTrailer;
  if (sig_len == 0 || sig_len > room) return bad("bad length");
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + room - sig_len);
  std::unique_ptr<PKCS7, decltype(&PKCS7_free)> p7(d2i_PKCS7(nullptr, &p, long(sig_len)), PKCS7_free);
  if (!p7) return bad("not DER PKCS#7");
  STACK_OF(PKCS7_SIGNER_INFO)* infos = PKCS7_get_signer_info(p7.get());
  if (!infos || sk_PKCS7_SIGNER_INFO_num(infos) < 1) return bad("no signer");
  PKCS7_SIGNER_INFO* info = sk_PKCS7_SIGNER_INFO_value(infos, 0);
  if (!info->issuer_and_serial) return bad("signer named by key id, not issuer");
  sig.is_signed = true;
  sig.signer = common_name(info->issuer_and_serial->issuer);
  sig.key = hex(info->issuer_and_serial->serial);
  return sig;
}

}  // namespace ks::system
