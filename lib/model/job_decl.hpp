#pragma once
/// A `cron::CronJob` declaration as plain values (docs/design.md): extraction fills it from the AST, rules read
/// it and never touch Clang, so every rule is unit-testable without parsing C++.

#include "diagnostics/source_location.hpp"

#include <cron/policy.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cronc {

/// A string argument (ID, title, schedule, `every` text) as the constant evaluator saw it.
struct StringArgument {
  bool present = false;   ///< written in the declaration (not left to its default)
  bool constant = true;   ///< a compile-time constant; false is cron-not-constant
  std::string value;
  SourceRange range;      ///< the argument expression as written
  /// When the value is a string literal written in the argument itself: the location of each byte of `value`,
  /// plus one past the end, so a caret can sit on the offending character. Empty otherwise.
  std::vector<SourceLocation> byte_locations;

  /// The range of bytes [begin, end) of the value, or the whole argument when bytes cannot be located.
  SourceRange bytes(std::size_t begin, std::size_t end) const;
};

/// A length of time (`every`, `timeout`, `jitter`): a text, or a std::chrono duration already in nanoseconds.
struct DurationArgument {
  StringArgument text;                 ///< `present` and `value` for the string form
  std::optional<std::int64_t> nanoseconds;  ///< set for the std::chrono form
  bool present() const { return text.present; }
  /// The interval in whole minutes, when it is a valid one (a duration dividing 24 hours).
  std::optional<int> minutes() const;
  /// The length in nanoseconds; none when not set, not constant or the text does not parse.
  std::optional<std::int64_t> length() const;
};

/// An integer or enumerator argument (`retries`, `overlap`, `catch_up`) as the constant evaluator saw it.
template <class T>
struct ValueArgument {
  bool present = false;  ///< written in the declaration (not left to its default)
  bool constant = true;  ///< a compile-time constant; false is cron-not-constant
  bool literal = false;  ///< written as a literal in the argument itself, so a fix-it can replace it
  T value{};
  SourceRange range;     ///< the argument expression as written
};

enum class EndpointKind {
  missing,          ///< not written, or nullptr
  function,         ///< a free function
  static_member,    ///< a static member function
  member_function,  ///< a non-static member function
  lambda,
  function_object,
  variable,         ///< a variable holding a function pointer
  function_template,
  unknown,          ///< anything else the extractor cannot name
};

enum class ReturnKind { void_type, status, other };

/// The function an endpoint names, with what the stub and the rules need to know about it.
struct Endpoint {
  EndpointKind kind = EndpointKind::missing;
  SourceRange range;             ///< the argument as written
  std::string name;              ///< `sendWelcomeEmail`
  std::string qualified_name;    ///< `shop::sendWelcomeEmail`
  std::string return_type;       ///< as written in C++, `cron::Status`
  ReturnKind returns = ReturnKind::void_type;
  unsigned parameters = 0;
  bool internal_linkage = false; ///< `static` or in an anonymous namespace
  bool private_member = false;   ///< a private or protected static member
  bool is_noexcept = false;
  bool extern_c = false;         ///< declared `extern "C"`: the stub's forward declaration must say so too
  SourceRange declaration;       ///< the function's first declaration, for notes
  std::string declaring_header;  ///< `"shop/invoices.hpp"`: how the user included a static member's class;
                                 ///< empty when the class is in a source file, where the stub cannot reach it
  std::string enclosing_namespace;  ///< `shop::inline v2`, to reopen for a forward declaration; empty: global
  std::string class_name;        ///< for static members: the class, qualified
};

/// Where a CronJob was constructed; anything but `namespace_scope` is cron-not-top-level.
enum class DeclarationScope { namespace_scope, local_variable, static_local, class_member, temporary, new_expression };

struct JobDecl {
  DeclarationScope scope = DeclarationScope::namespace_scope;
  std::string variable;          ///< the variable's qualified name, `shop::welcomeEmail`
  SourceRange name_range;        ///< the variable's name (or the expression, when there is none)
  std::string doc;               ///< the comment right above the declaration, without comment markers
  StringArgument id;
  StringArgument title;
  DurationArgument every;
  StringArgument schedule;
  StringArgument time_zone;      ///< an IANA name; not present: UTC
  Endpoint endpoint;
  DurationArgument timeout;
  ValueArgument<int> retries;
  ValueArgument<cron::Overlap> overlap;
  ValueArgument<cron::CatchUp> catch_up;
  DurationArgument jitter;
};

}  // namespace cronc
