#pragma once
// A column of a trace: a std::vector whose resize() leaves new entries unwritten (for the
// trivial types of a trace). The simulator sizes a run's columns once, from the counted ops, and
// then writes every entry; zeroing them first wrote the whole trace twice, and touched all its
// memory at once, before the first op ran. Only a writer that then sets every entry may
// resize(); everyone else appends or assigns as with any vector.
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace amla {

template <class T>
class UnwrittenAllocator : public std::allocator<T> {
 public:
  template <class U>
  struct rebind {
    using other = UnwrittenAllocator<U>;
  };
  UnwrittenAllocator() = default;
  template <class U>
  UnwrittenAllocator(const UnwrittenAllocator<U>&) noexcept {}

  // No arguments: default-initialised, which for a trivial type writes nothing.
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

template <class T>
using TraceColumn = std::vector<T, UnwrittenAllocator<T>>;

}  // namespace amla
