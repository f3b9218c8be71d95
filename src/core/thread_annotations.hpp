#pragma once
// Clang's thread-safety annotations (https://clang.llvm.org/docs/ThreadSafetyAnalysis.html) as macros: with
// clang, `-Wthread-safety` checks at compile time that every member marked CRUDDUR_GUARDED_BY(m) is only
// touched while `m` is held, and that functions marked CRUDDUR_REQUIRES(m) are only called with it held.
// With other compilers (GCC builds the service) they expand to nothing. The clang builds of the test command
// (the sanitizer builds, doc/fuzzing.md) compile with -Werror=thread-safety, so a violation fails them.
//
// std::mutex of libstdc++ carries no annotations: lock through cruddur::Mutex and cruddur::MutexLock
// (core/mutex.hpp), which do.

#if defined(__clang__)
#define CRUDDUR_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define CRUDDUR_THREAD_ANNOTATION(x)
#endif

// On a class: objects of it are a capability (a lock) named `x` in diagnostics.
#define CRUDDUR_CAPABILITY(x) CRUDDUR_THREAD_ANNOTATION(capability(x))
// On a class: an RAII object that holds a capability for its lifetime.
#define CRUDDUR_SCOPED_CAPABILITY CRUDDUR_THREAD_ANNOTATION(scoped_lockable)
// On a member: read or written only while the capability is held.
#define CRUDDUR_GUARDED_BY(x) CRUDDUR_THREAD_ANNOTATION(guarded_by(x))
// On a pointer member: what it points to is read or written only while the capability is held.
#define CRUDDUR_PT_GUARDED_BY(x) CRUDDUR_THREAD_ANNOTATION(pt_guarded_by(x))
// On a function: callers hold the capability (exclusively / at least shared).
#define CRUDDUR_REQUIRES(...) CRUDDUR_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define CRUDDUR_REQUIRES_SHARED(...) CRUDDUR_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
// On a function: it takes (and returns holding) / releases the capability.
#define CRUDDUR_ACQUIRE(...) CRUDDUR_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define CRUDDUR_ACQUIRE_SHARED(...) CRUDDUR_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define CRUDDUR_RELEASE(...) CRUDDUR_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define CRUDDUR_RELEASE_SHARED(...) CRUDDUR_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define CRUDDUR_RELEASE_GENERIC(...) CRUDDUR_THREAD_ANNOTATION(release_generic_capability(__VA_ARGS__))
#define CRUDDUR_TRY_ACQUIRE(...) CRUDDUR_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
// On a function: callers must not hold the capability (it takes it itself; catches self-deadlock).
#define CRUDDUR_EXCLUDES(...) CRUDDUR_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
// On a function: tells the analysis the capability is held here (checked by nothing; use sparingly).
#define CRUDDUR_ASSERT_CAPABILITY(x) CRUDDUR_THREAD_ANNOTATION(assert_capability(x))
// On a function: returns a reference to the capability.
#define CRUDDUR_RETURN_CAPABILITY(x) CRUDDUR_THREAD_ANNOTATION(lock_returned(x))
// On a function: the analysis skips it. Each use says why in a comment.
#define CRUDDUR_NO_THREAD_SAFETY_ANALYSIS CRUDDUR_THREAD_ANNOTATION(no_thread_safety_analysis)
