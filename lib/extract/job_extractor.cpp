#include "extract/job_extractor.hpp"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Frontend/TextDiagnosticPrinter.h>
#include <clang/Frontend/Utils.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <llvm/Support/raw_ostream.h>

#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace cronc {

namespace {

using clang::APValue;
using clang::ASTContext;
using clang::Expr;

bool is_cron_class(const clang::QualType type, llvm::StringRef name) {
  const auto* record = type.getCanonicalType()->getAsCXXRecordDecl();
  if (record == nullptr || record->getName() != name) return false;
  const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getDeclContext());
  return ns != nullptr && ns->getName() == "cron" && ns->getDeclContext()->getRedeclContext()->isTranslationUnit();
}

/// The CronJob(id, config) constructor, as opposed to copies and moves.
bool is_job_construction(const clang::CXXConstructExpr* construct) {
  return construct != nullptr && is_cron_class(construct->getType(), "CronJob") && construct->getNumArgs() == 2 &&
         construct->getConstructor()->getNumParams() == 2;
}

const clang::CXXConstructExpr* job_construction_in(const Expr* init) {
  if (init == nullptr) return nullptr;
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init->IgnoreImplicit());
  return is_job_construction(construct) ? construct : nullptr;
}

/// Converts Clang's locations to plain values; file paths are made absolute and free of `..`.
class Locator {
 public:
  Locator(const clang::SourceManager& sm, const clang::LangOptions& lang) : sm_(sm), lang_(lang) {}

  SourceLocation at(clang::SourceLocation location) const {
    SourceLocation result;
    if (location.isInvalid()) return result;
    clang::SourceLocation file_location = sm_.getFileLoc(location);
    auto decomposed = sm_.getDecomposedLoc(file_location);
    auto entry = sm_.getFileEntryRefForID(decomposed.first);
    if (!entry) return result;
    llvm::SmallString<256> path(entry->getName());
    // Against the unit's working directory (the database's `directory`), which is not the process's.
    sm_.getFileManager().makeAbsolutePath(path);
    llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
    result.file = std::string(path);
    result.line = sm_.getLineNumber(decomposed.first, decomposed.second);
    result.column = sm_.getColumnNumber(decomposed.first, decomposed.second);
    result.offset = decomposed.second;
    return result;
  }

  /// The characters a node covers, from its first token's start to its last token's end.
  SourceRange range(clang::SourceRange tokens) const {
    auto chars = clang::Lexer::makeFileCharRange(clang::CharSourceRange::getTokenRange(tokens), sm_, lang_);
    if (chars.isInvalid()) {
      SourceLocation begin = at(tokens.getBegin());
      return {begin, begin};
    }
    return {at(chars.getBegin()), at(chars.getEnd())};
  }

  /// The range of the token at `location` (a declaration's name).
  SourceRange token(clang::SourceLocation location) const { return range(clang::SourceRange(location, location)); }

  /// The characters of a range where they are spelled (inside a macro's definition for a macro body).
  SourceRange spelled(clang::SourceRange tokens) const {
    clang::SourceLocation begin = sm_.getSpellingLoc(tokens.getBegin());
    clang::SourceLocation end = sm_.getSpellingLoc(tokens.getEnd());
    return {at(begin), at(clang::Lexer::getLocForEndOfToken(end, 0, sm_, lang_))};
  }

 private:
  const clang::SourceManager& sm_;
  const clang::LangOptions& lang_;
};

/// Reads the arguments of one CronJob construction into a JobDecl.
class ArgumentReader {
 public:
  ArgumentReader(ASTContext& context, const Locator& locator) : context_(context), locator_(locator) {}

  void read(const clang::CXXConstructExpr& construct, JobDecl& job) const {
    job.id = read_string(construct.getArg(0));
    const Expr* config = construct.getArg(1)->IgnoreImplicit();
    const auto* list = llvm::dyn_cast<clang::InitListExpr>(config);
    if (list != nullptr && list->isSyntacticForm() && list->getSemanticForm() != nullptr) list = list->getSemanticForm();
    if (list == nullptr) {
      read_config_value(config, job);
      return;
    }
    const auto* record = list->getType().getCanonicalType()->getAsCXXRecordDecl();
    auto field = [&](llvm::StringRef name) -> const Expr* {
      const clang::FieldDecl* decl = field_named(record, name);
      if (decl == nullptr || decl->getFieldIndex() >= list->getNumInits()) return nullptr;
      const Expr* init = list->getInit(decl->getFieldIndex());
      if (llvm::isa<clang::CXXDefaultInitExpr, clang::ImplicitValueInitExpr>(init)) return nullptr;
      return init;
    };
    job.title = read_string(field("title"));
    job.every = read_duration(field("every"));
    job.schedule = read_string(field("schedule"));
    job.time_zone = read_string(field("time_zone"));
    job.endpoint = read_endpoint(field("endpoint"));
    job.timeout = read_duration(field("timeout"));
    job.retries = read_value<int>(field("retries"));
    job.overlap = read_value<cron::Overlap>(field("overlap"));
    job.catch_up = read_value<cron::CatchUp>(field("catch_up"));
    job.jitter = read_duration(field("jitter"));
  }

 private:
  /// The value of a string_view-like record (a pointer field and a length field) as text, and its literal.
  struct StringValue {
    std::string text;
    const clang::StringLiteral* literal = nullptr;
    unsigned literal_offset = 0;
  };

  static bool string_value(const APValue& value, const clang::QualType type, StringValue& out) {
    const auto* record = type.getCanonicalType()->getAsCXXRecordDecl();
    if (!value.isStruct() || record == nullptr) return false;
    const APValue* pointer = nullptr;
    std::optional<std::uint64_t> length;
    unsigned index = 0;
    for (const auto* field : record->fields()) {
      if (index >= value.getStructNumFields()) break;
      const APValue& member = value.getStructField(index++);
      if (field->getType()->isPointerType() && member.isLValue()) pointer = &member;
      if (field->getType()->isIntegerType() && member.isInt()) length = member.getInt().getZExtValue();
    }
    if (pointer == nullptr || !length) return false;
    if (*length == 0) return true;
    const Expr* base = pointer->getLValueBase().dyn_cast<const Expr*>();
    const auto* literal = llvm::dyn_cast_or_null<clang::StringLiteral>(base);
    if (literal == nullptr || literal->getCharByteWidth() != 1) return false;
    auto offset = static_cast<std::uint64_t>(pointer->getLValueOffset().getQuantity());
    llvm::StringRef bytes = literal->getBytes();
    if (offset + *length > bytes.size()) return false;
    out.text = bytes.substr(offset, *length).str();
    out.literal = literal;
    out.literal_offset = static_cast<unsigned>(offset);
    return true;
  }

  bool evaluate(const Expr* expression, APValue& value) const {
    if (expression->isValueDependent()) return false;
    Expr::EvalResult result;
    if (!expression->EvaluateAsConstantExpr(result, context_) || result.HasSideEffects) return false;
    value = result.Val;
    return true;
  }

  /// Fills the byte map when the literal is written inside the argument itself (not in a constexpr variable
  /// declared elsewhere). Bytes are located where they are spelled, also inside a macro's definition.
  void locate_bytes(const Expr& expression, const StringValue& value, StringArgument& argument) const {
    if (value.literal == nullptr) return;
    const auto& sm = context_.getSourceManager();
    clang::SourceRange outer = expression.getSourceRange();
    if (!sm.isPointWithin(value.literal->getBeginLoc(), outer.getBegin(), outer.getEnd())) return;
    for (std::size_t i = 0; i <= value.text.size(); ++i) {
      auto location = value.literal->getLocationOfByte(value.literal_offset + static_cast<unsigned>(i), sm,
                                                       context_.getLangOpts(), context_.getTargetInfo());
      argument.byte_locations.push_back(locator_.at(sm.getSpellingLoc(location)));
    }
    // A literal spelled in a macro's definition: the argument is where it is spelled, not the macro's use.
    if (!argument.byte_locations.empty() && argument.byte_locations.front().file != argument.range.begin.file)
      argument.range = locator_.spelled(value.literal->getSourceRange());
  }

  StringArgument read_string(const Expr* expression) const {
    StringArgument argument;
    if (expression == nullptr) return argument;
    argument.present = true;
    argument.range = locator_.range(expression->getSourceRange());
    APValue value;
    StringValue text;
    if (!evaluate(expression, value) || !string_value(value, expression->getType(), text)) {
      argument.constant = false;
      return argument;
    }
    argument.value = text.text;
    locate_bytes(*expression, text, argument);
    return argument;
  }

  DurationArgument read_duration(const Expr* expression) const {
    DurationArgument duration;
    if (expression == nullptr) return duration;
    duration.text.present = true;
    duration.text.range = locator_.range(expression->getSourceRange());
    APValue value;
    if (!evaluate(expression, value) || !value.isStruct()) {
      duration.text.constant = false;
      return duration;
    }
    read_duration_value(*expression, value, expression->getType(), duration);
    return duration;
  }

  /// cron::Duration is {text_, nanoseconds_, is_duration_}, in that order.
  void read_duration_value(const Expr& expression, const APValue& value, clang::QualType type,
                           DurationArgument& duration) const {
    const auto* record = type.getCanonicalType()->getAsCXXRecordDecl();
    if (record == nullptr || value.getStructNumFields() < 3) {
      duration.text.constant = false;
      return;
    }
    auto field = record->field_begin();
    clang::QualType text_type = field->getType();
    if (value.getStructField(2).isInt() && value.getStructField(2).getInt().getBoolValue()) {
      duration.nanoseconds = value.getStructField(1).getInt().getSExtValue();
      return;
    }
    StringValue text;
    if (!string_value(value.getStructField(0), text_type, text)) {
      duration.text.constant = false;
      return;
    }
    duration.text.value = text.text;
    if (text.text.empty()) duration.text.present = false;
    locate_bytes(expression, text, duration.text);
  }

  /// JobConfig's field `name` (designated initializers keep the fields' order, so its index is its position).
  static const clang::FieldDecl* field_named(const clang::CXXRecordDecl* record, llvm::StringRef name) {
    if (record == nullptr) return nullptr;
    for (const clang::FieldDecl* candidate : record->fields())
      if (candidate->getName() == name) return candidate;
    return nullptr;
  }

  /// The value a std::optional constant holds: the active member of the union inside it, found without naming
  /// the standard library's private members; nullptr when it holds none.
  static const APValue* optional_payload(const APValue& value) {
    if (value.isUnion()) {
      const APValue& active = value.getUnionValue();
      return value.getUnionField() != nullptr && active.isInt() ? &active : nullptr;
    }
    if (!value.isStruct()) return nullptr;
    for (unsigned i = 0; i < value.getStructNumBases(); ++i)
      if (const APValue* payload = optional_payload(value.getStructBase(i))) return payload;
    for (unsigned i = 0; i < value.getStructNumFields(); ++i)
      if (const APValue* payload = optional_payload(value.getStructField(i))) return payload;
    return nullptr;
  }

  /// An optional integer or enumerator; `std::nullopt` written out counts as not set.
  template <class T>
  static void read_optional_value(const APValue& value, ValueArgument<T>& argument) {
    const APValue* payload = optional_payload(value);
    if (payload == nullptr) {
      argument.present = false;
      return;
    }
    argument.value = static_cast<T>(payload->getInt().getSExtValue());
  }

  template <class T>
  ValueArgument<T> read_value(const Expr* expression) const {
    ValueArgument<T> argument;
    if (expression == nullptr) return argument;
    argument.present = true;
    argument.range = locator_.range(expression->getSourceRange());
    APValue value;
    if (!evaluate(expression, value)) {
      argument.constant = false;
      return argument;
    }
    read_optional_value(value, argument);
    const Expr* written = expression->IgnoreImplicit();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(written);
        construct != nullptr && construct->getNumArgs() == 1)
      written = construct->getArg(0);
    written = written->IgnoreParenImpCasts();
    if (const auto* negation = llvm::dyn_cast<clang::UnaryOperator>(written);
        negation != nullptr && negation->getOpcode() == clang::UO_Minus)
      written = negation->getSubExpr()->IgnoreParenImpCasts();
    argument.literal = llvm::isa<clang::IntegerLiteral>(written);
    return argument;
  }

  /// A config that is not written as braces (a constexpr JobConfig variable): read the evaluated value.
  void read_config_value(const Expr* config, JobDecl& job) const {
    SourceRange range = locator_.range(config->getSourceRange());
    APValue value;
    const auto* record = config->getType().getCanonicalType()->getAsCXXRecordDecl();
    if (!evaluate(config, value) || record == nullptr || !value.isStruct()) {
      job.title = {true, false, {}, range, {}};
      return;
    }
    auto read_text = [&](llvm::StringRef name) {
      StringArgument argument{true, true, {}, range, {}};
      const clang::FieldDecl* field = field_named(record, name);
      StringValue text;
      if (field == nullptr || !string_value(value.getStructField(field->getFieldIndex()), field->getType(), text))
        argument.constant = false;
      argument.value = text.text;
      argument.present = !text.text.empty();
      return argument;
    };
    job.title = read_text("title");
    auto read_duration_field = [&](llvm::StringRef name) {
      DurationArgument duration;
      duration.text = {true, true, {}, range, {}};
      if (const clang::FieldDecl* field = field_named(record, name))
        read_duration_value(*config, value.getStructField(field->getFieldIndex()), field->getType(), duration);
      return duration;
    };
    auto read_value_field = [&]<class T>(llvm::StringRef name, ValueArgument<T>& argument) {
      argument.present = true;
      argument.range = range;
      if (const clang::FieldDecl* field = field_named(record, name))
        read_optional_value(value.getStructField(field->getFieldIndex()), argument);
      else
        argument.constant = false;
    };
    job.every = read_duration_field("every");
    job.schedule = read_text("schedule");
    job.time_zone = read_text("time_zone");
    job.endpoint.kind = EndpointKind::unknown;
    job.endpoint.range = range;
    job.timeout = read_duration_field("timeout");
    read_value_field("retries", job.retries);
    read_value_field("overlap", job.overlap);
    read_value_field("catch_up", job.catch_up);
    job.jitter = read_duration_field("jitter");
  }

  Endpoint read_endpoint(const Expr* expression) const {
    Endpoint endpoint;
    if (expression == nullptr) return endpoint;
    endpoint.range = locator_.range(expression->getSourceRange());
    const Expr* target = expression->IgnoreImplicit();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(target);
        construct != nullptr && is_cron_class(construct->getType(), "Endpoint") && construct->getNumArgs() == 1) {
      target = construct->getArg(0);
    }
    target = target->IgnoreImplicit()->IgnoreParenImpCasts();
    endpoint.range = locator_.range(target->getSourceRange());
    if (target->isNullPointerConstant(context_, Expr::NPC_ValueDependentIsNotNull)) return endpoint;
    if (const auto* address = llvm::dyn_cast<clang::UnaryOperator>(target);
        address != nullptr && address->getOpcode() == clang::UO_AddrOf) {
      target = address->getSubExpr()->IgnoreParenImpCasts();
    }
    if (llvm::isa<clang::LambdaExpr>(target->IgnoreImplicit())) {
      endpoint.kind = EndpointKind::lambda;
      return endpoint;
    }
    const auto* reference = llvm::dyn_cast<clang::DeclRefExpr>(target);
    if (reference == nullptr) {
      endpoint.kind = target->getType()->isRecordType() ? EndpointKind::function_object : EndpointKind::unknown;
      return endpoint;
    }
    if (llvm::isa<clang::VarDecl>(reference->getDecl())) {
      endpoint.kind = target->getType()->isRecordType() ? EndpointKind::function_object : EndpointKind::variable;
      endpoint.name = reference->getDecl()->getNameAsString();
      endpoint.qualified_name = reference->getDecl()->getQualifiedNameAsString();
      return endpoint;
    }
    const auto* function = llvm::dyn_cast<clang::FunctionDecl>(reference->getDecl());
    if (function == nullptr) {
      endpoint.kind = EndpointKind::unknown;
      return endpoint;
    }
    describe_function(*function, endpoint);
    return endpoint;
  }

  void describe_function(const clang::FunctionDecl& function, Endpoint& endpoint) const {
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&function);
    endpoint.kind = EndpointKind::function;
    if (method != nullptr) endpoint.kind = method->isStatic() ? EndpointKind::static_member : EndpointKind::member_function;
    if (function.getPrimaryTemplate() != nullptr || function.getDescribedFunctionTemplate() != nullptr)
      endpoint.kind = EndpointKind::function_template;

    clang::PrintingPolicy policy(context_.getLangOpts());
    policy.FullyQualifiedName = true;
    policy.SuppressScope = false;
    policy.SuppressInlineNamespace = true;
    endpoint.name = function.getNameAsString();
    endpoint.qualified_name = function.getQualifiedNameAsString();
    clang::QualType returns = function.getReturnType();
    endpoint.return_type = returns.getCanonicalType().getAsString(policy);
    endpoint.returns = returns->isVoidType()                ? ReturnKind::void_type
                       : is_cron_class(returns, "Status")   ? ReturnKind::status
                                                            : ReturnKind::other;
    endpoint.parameters = function.getNumParams();
    endpoint.internal_linkage = !function.isExternallyVisible();
    endpoint.private_member = method != nullptr && method->getAccess() != clang::AS_public;
    if (const auto* prototype = function.getType()->getAs<clang::FunctionProtoType>())
      endpoint.is_noexcept = prototype->isNothrow();
    endpoint.declaration = locator_.token(function.getFirstDecl()->getLocation());
    if (method != nullptr) endpoint.class_name = method->getParent()->getQualifiedNameAsString();
    endpoint.extern_c = function.isExternC();
    endpoint.enclosing_namespace = namespace_path(function.getDeclContext());
    if (method != nullptr) endpoint.declaring_header = include_spelling(method->getParent()->getLocation());
  }

  /// `a::inline b`: the namespaces around a declaration as C++20 can reopen them; empty at global scope.
  static std::string namespace_path(const clang::DeclContext* context) {
    std::string path;
    for (; context != nullptr; context = context->getParent()) {
      const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(context);
      if (ns == nullptr) continue;
      std::string part = (ns->isInline() ? "inline " : "") + ns->getName().str();
      path = path.empty() ? part : part + "::" + path;
    }
    return path;
  }

  /// How the user's code included the file that declares `location`: `"shop/invoices.hpp"` or `<x.hpp>`, as
  /// written in the #include directive; empty when it is the main file, which the stub cannot include.
  std::string include_spelling(clang::SourceLocation location) const {
    const auto& sm = context_.getSourceManager();
    clang::FileID file = sm.getFileID(sm.getFileLoc(location));
    clang::SourceLocation include = sm.getIncludeLoc(file);
    if (include.isInvalid()) return "";
    auto [include_file, offset] = sm.getDecomposedLoc(sm.getFileLoc(include));
    llvm::StringRef buffer = sm.getBufferData(include_file);
    std::size_t line_begin = buffer.rfind('\n', offset == 0 ? 0 : offset - 1);
    line_begin = line_begin == llvm::StringRef::npos ? 0 : line_begin + 1;
    llvm::StringRef line = buffer.substr(line_begin).split('\n').first;
    std::size_t open = line.find_first_of("\"<", line.find("include"));
    if (open == llvm::StringRef::npos) return "";
    char close = line[open] == '<' ? '>' : '"';
    std::size_t end = line.find(close, open + 1);
    return end == llvm::StringRef::npos ? "" : line.substr(open, end - open + 1).str();
  }

  ASTContext& context_;
  const Locator& locator_;
};

class JobVisitor : public clang::RecursiveASTVisitor<JobVisitor> {
 public:
  JobVisitor(ASTContext& context, std::vector<JobDecl>& jobs)
      : context_(context),
        locator_(context.getSourceManager(), context.getLangOpts()),
        reader_(context, locator_),
        jobs_(jobs) {}

  /// Jobs in system headers are ignored, so the declarations written there (most of a unit's AST: the standard
  /// library) are not walked; the namespaces they open are, as user code may sit inside one (a system header
  /// that includes a user file there).
  bool TraverseDecl(clang::Decl* declaration) {
    if (declaration != nullptr && !llvm::isa<clang::TranslationUnitDecl, clang::NamespaceDecl,
                                             clang::LinkageSpecDecl, clang::ExportDecl>(declaration) &&
        in_system_header(declaration->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(declaration);
  }

  bool VisitVarDecl(clang::VarDecl* variable) {
    if (llvm::isa<clang::ParmVarDecl>(variable) || variable->getDeclContext()->isDependentContext()) return true;
    const auto* construct = job_construction_in(variable->getInit());
    if (construct == nullptr || ignored(variable->getLocation())) return true;
    claimed_.insert(construct);
    DeclarationScope scope = DeclarationScope::namespace_scope;
    if (variable->isStaticLocal())
      scope = DeclarationScope::static_local;
    else if (variable->isLocalVarDecl())
      scope = DeclarationScope::local_variable;
    else if (variable->isStaticDataMember() || !variable->getDeclContext()->getRedeclContext()->isFileContext())
      scope = DeclarationScope::class_member;
    add(*construct, scope, variable, variable->getLocation());
    return true;
  }

  bool VisitFieldDecl(clang::FieldDecl* field) {
    if (field->getDeclContext()->isDependentContext()) return true;
    const auto* construct = job_construction_in(field->getInClassInitializer());
    if (construct == nullptr || ignored(field->getLocation())) return true;
    claimed_.insert(construct);
    add(*construct, DeclarationScope::class_member, field, field->getLocation());
    return true;
  }

  bool VisitCXXConstructExpr(clang::CXXConstructExpr* construct) {
    if (!is_job_construction(construct) || claimed_.count(construct) || ignored(construct->getBeginLoc())) return true;
    claimed_.insert(construct);
    add(*construct, scope_of_unnamed(*construct), nullptr, construct->getBeginLoc());
    return true;
  }

 private:
  bool ignored(clang::SourceLocation location) const { return location.isInvalid() || in_system_header(location); }
  bool in_system_header(clang::SourceLocation location) const {
    const auto& sm = context_.getSourceManager();
    return location.isValid() && sm.isInSystemHeader(sm.getFileLoc(location));
  }

  /// A construction that initializes no variable: inside `new`, a member initializer, or a temporary.
  DeclarationScope scope_of_unnamed(const clang::CXXConstructExpr& construct) {
    clang::DynTypedNode node = clang::DynTypedNode::create(construct);
    for (int depth = 0; depth < 16; ++depth) {
      auto parents = context_.getParents(node);
      if (parents.empty()) break;
      node = parents[0];
      if (node.get<clang::CXXNewExpr>() != nullptr) return DeclarationScope::new_expression;
      if (node.get<clang::CXXCtorInitializer>() != nullptr) return DeclarationScope::class_member;
      if (node.get<Expr>() == nullptr) break;
    }
    return DeclarationScope::temporary;
  }

  void add(const clang::CXXConstructExpr& construct, DeclarationScope scope, const clang::NamedDecl* decl,
           clang::SourceLocation name) {
    JobDecl job;
    job.scope = scope;
    job.name_range = decl != nullptr ? locator_.token(name) : locator_.range(construct.getSourceRange());
    if (decl != nullptr) {
      job.variable = decl->getQualifiedNameAsString();
      if (const auto* comment = context_.getRawCommentForDeclNoCache(decl))
        job.doc = comment->getFormattedText(context_.getSourceManager(), context_.getDiagnostics());
    }
    reader_.read(construct, job);
    jobs_.push_back(std::move(job));
  }

  ASTContext& context_;
  Locator locator_;
  ArgumentReader reader_;
  std::vector<JobDecl>& jobs_;
  std::set<const clang::CXXConstructExpr*> claimed_;
};

/// Decides which function bodies Clang parses (docs/analyzer.md, "Skipped function bodies"): a body can hold a
/// job (cron-not-top-level) only where its own text spells `CronJob` or a macro that expands to it. Bodies in system
/// headers are always skipped, as jobs there are ignored anyway. Half of a unit's parse is the bodies of the
/// standard library's inline functions, and the bodies in a job file instantiate templates that its jobs never
/// need; Sema still parses `constexpr` ones and those with a deduced return type.
class BodyFilter : public clang::PPCallbacks {
 public:
  BodyFilter(const clang::Preprocessor& preprocessor, const clang::LangOptions& language)
      : preprocessor_(preprocessor), sm_(preprocessor.getSourceManager()), language_(language) {}

  /// Remembers the macros whose definition names CronJob or another such macro (a `-D` on the command line too),
  /// and those whose definition holds a brace, which the body's raw text would not show.
  void MacroDefined(const clang::Token& name, const clang::MacroDirective* directive) override {
    const clang::MacroInfo* info = directive->getMacroInfo();
    const std::string macro = name.getIdentifierInfo()->getName().str();
    for (const clang::Token& token : info->tokens()) {
      if (token.isOneOf(clang::tok::l_brace, clang::tok::r_brace)) brace_macros_.insert(macro);
      const clang::IdentifierInfo* identifier = token.getIdentifierInfo();
      if (identifier == nullptr) continue;
      llvm::StringRef spelling = identifier->getName();
      if (brace_macros_.count(spelling.str())) brace_macros_.insert(macro);
      if (spelling == job_type || job_macros_.count(spelling.str())) job_macros_.insert(macro);
    }
  }

  bool skip(const clang::Decl& declaration) {
    clang::SourceLocation location = declaration.getLocation();
    // A definition written by a macro: its body's tokens are spelled elsewhere; keep it.
    if (location.isMacroID() || declaration.getEndLoc().isMacroID()) return false;
    if (sm_.isInSystemHeader(location)) return true;
    clang::FileID file = sm_.getFileID(location);
    auto [verdict, inserted] = may_hold_job_.try_emplace(file.getHashValue(), Verdict{});
    // Recomputed when macros were defined since: the file may use one defined after its first body.
    if (inserted || verdict->second.macros_seen != job_macros_.size()) {
      llvm::StringRef text = sm_.getBufferData(file);
      bool found = text.contains(job_type);
      for (auto macro = job_macros_.begin(); !found && macro != job_macros_.end(); ++macro)
        found = text.contains(*macro);
      verdict->second = {found, job_macros_.size()};
    }
    return !verdict->second.found || body_spells_no_job(file);
  }

 private:
  /// Whether the body that starts at the parser's `{` certainly spells neither CronJob nor a job macro. The
  /// parser asks with that brace just lexed from the file: the preprocessor's lexer stands right after it, unless
  /// the brace came from a macro or from tokens read ahead (then there is no file lexer, and the body is kept).
  /// The raw text is then read to the matching `}`; a directive or a macro that holds a brace keeps the body, as
  /// its text might not match the tokens the parser sees.
  bool body_spells_no_job(clang::FileID file) const {
    const auto* lexer = dynamic_cast<const clang::Lexer*>(preprocessor_.getCurrentLexer());
    if (lexer == nullptr) return false;
    const char* after_brace = lexer->getBufferLocation();
    llvm::StringRef buffer = sm_.getBufferData(file);
    if (after_brace <= buffer.begin() || after_brace > buffer.end() || after_brace[-1] != '{') return false;
    clang::Lexer raw(sm_.getLocForStartOfFile(file), language_, buffer.begin(), after_brace, buffer.end());
    unsigned depth = 1;
    clang::Token token;
    while (true) {
      raw.LexFromRawLexer(token);
      switch (token.getKind()) {
        case clang::tok::eof:
          return false;
        case clang::tok::l_brace:
          ++depth;
          break;
        case clang::tok::r_brace:
          if (--depth == 0) return true;
          break;
        case clang::tok::hash:
          if (token.isAtStartOfLine()) return false;
          break;
        case clang::tok::raw_identifier: {
          llvm::StringRef spelling = token.getRawIdentifier();
          if (spelling == job_type || job_macros_.count(spelling.str()) || brace_macros_.count(spelling.str()))
            return false;
          break;
        }
        default:
          break;
      }
    }
  }

  static constexpr llvm::StringLiteral job_type = "CronJob";
  struct Verdict {
    bool found = false;
    std::size_t macros_seen = 0;
  };
  const clang::Preprocessor& preprocessor_;
  const clang::SourceManager& sm_;
  const clang::LangOptions& language_;
  std::unordered_set<std::string> job_macros_;
  std::unordered_set<std::string> brace_macros_;
  std::unordered_map<unsigned, Verdict> may_hold_job_;  ///< per FileID: does its text spell a job anywhere
};

class ExtractConsumer : public clang::ASTConsumer {
 public:
  ExtractConsumer(std::vector<JobDecl>& jobs, BodyFilter& bodies) : jobs_(jobs), bodies_(bodies) {}
  void HandleTranslationUnit(ASTContext& context) override {
    if (context.getDiagnostics().hasErrorOccurred()) return;
    JobVisitor(context, jobs_).TraverseDecl(context.getTranslationUnitDecl());
  }
  bool shouldSkipFunctionBody(clang::Decl* declaration) override { return bodies_.skip(*declaration); }

 private:
  std::vector<JobDecl>& jobs_;
  BodyFilter& bodies_;
};

class ExtractAction : public clang::ASTFrontendAction {
 public:
  explicit ExtractAction(std::vector<JobDecl>& jobs) : jobs_(jobs) {}
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& compiler, llvm::StringRef) override {
    compiler.getFrontendOpts().SkipFunctionBodies = true;
    auto bodies = std::make_unique<BodyFilter>(compiler.getPreprocessor(), compiler.getLangOpts());
    auto consumer = std::make_unique<ExtractConsumer>(jobs_, *bodies);
    compiler.getPreprocessor().addPPCallbacks(std::move(bodies));  // the preprocessor outlives the consumer
    return consumer;
  }

 private:
  std::vector<JobDecl>& jobs_;
};

/// Every file the parse reads, system headers too (as the pre-filter's scan lists them): the depfile's and the
/// cache's list for a unit that is parsed without a scan.
class FilesRead : public clang::DependencyCollector {
 public:
  bool needSystemDependencies() override { return true; }
  bool sawDependency(llvm::StringRef file, bool from_module, bool is_system, bool is_module_file,
                     bool is_missing) override {
    return !is_missing && !is_module_file &&
           DependencyCollector::sawDependency(file, from_module, is_system, is_module_file, is_missing);
  }
};

class ExtractActionFactory : public clang::tooling::FrontendActionFactory {
 public:
  ExtractActionFactory(std::vector<JobDecl>& jobs, std::vector<std::string>& files, llvm::raw_ostream& summary)
      : jobs_(jobs), files_(files), summary_(summary) {}
  std::unique_ptr<clang::FrontendAction> create() override { return std::make_unique<ExtractAction>(jobs_); }

  /// FrontendActionFactory's, except that the summary ("2 errors generated.") goes with the diagnostics instead
  /// of straight to stderr, where it would come before them and, with several threads, between other units'.
  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> invocation, clang::FileManager* files,
                     std::shared_ptr<clang::PCHContainerOperations> pch_operations,
                     clang::DiagnosticConsumer* consumer) override {
    clang::CompilerInstance compiler(std::move(pch_operations));
    compiler.setInvocation(std::move(invocation));
    compiler.setFileManager(files);
    compiler.setVerboseOutputStream(summary_);
    std::unique_ptr<clang::FrontendAction> action = create();  // destroyed before `compiler`
    compiler.createDiagnostics(consumer, /*ShouldOwnClient=*/false);
    if (!compiler.hasDiagnostics()) return false;
    compiler.createSourceManager(*files);
    auto files_read = std::make_shared<FilesRead>();
    compiler.addDependencyCollector(files_read);
    bool success = compiler.ExecuteAction(*action);
    files->clearStatCache();
    files_.assign(files_read->getDependencies().begin(), files_read->getDependencies().end());
    return success;
  }

 private:
  std::vector<JobDecl>& jobs_;
  std::vector<std::string>& files_;
  llvm::raw_ostream& summary_;
};

}  // namespace

ExtractionResult extract_jobs(const CompileCommand& command, bool color) {
  ExtractionResult result;
  clang::tooling::CompileCommand entry(command.directory, command.file, command.arguments, "");
  struct OneCommand : clang::tooling::CompilationDatabase {
    clang::tooling::CompileCommand entry;
    explicit OneCommand(clang::tooling::CompileCommand e) : entry(std::move(e)) {}
    std::vector<clang::tooling::CompileCommand> getCompileCommands(llvm::StringRef) const override { return {entry}; }
  } one_command(entry);

  // A file system of its own, whose working directory is this unit's: ClangTool moves into the database's
  // `directory` and back, which on the default file system is the process's working directory, shared by every
  // thread (units would read each other's relative paths, and the run would end in a unit's folder).
  clang::tooling::ClangTool tool(one_command, {command.file}, std::make_shared<clang::PCHContainerOperations>(),
                                 llvm::vfs::createPhysicalFileSystem());
  std::string output;
  llvm::raw_string_ostream stream(output);
  // Clang's printer colours only a stream whose colours are enabled, as a terminal's are.
  stream.enable_colors(color);
  auto options = llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>();
  options->ShowColors = color;
  clang::TextDiagnosticPrinter printer(stream, options.get());
  tool.setDiagnosticConsumer(&printer);
  tool.setPrintErrorMessage(false);
  std::vector<std::string> files_read;
  ExtractActionFactory factory(result.jobs, files_read, stream);
  int status = tool.run(&factory);
  stream.flush();
  // Absolute as the scanner's are (against the unit's folder, dots kept), the main file first.
  result.files.push_back(command.file);
  for (const std::string& file : files_read) {
    llvm::SmallString<256> path(file);
    if (!llvm::sys::path::is_absolute(path)) {
      path = command.directory;
      llvm::sys::path::append(path, file);
    }
    if (path != command.file) result.files.emplace_back(path);
  }
  result.compiler_output = std::move(output);
  result.compile_failed = status != 0;
  if (result.compile_failed) result.jobs.clear();
  return result;
}

}  // namespace cronc
