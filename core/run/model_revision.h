#pragma once
// The revision of the model: what the kernel's instruction streams and the simulator make of a
// configuration. A stored result holds it in its key (core/store/config_key.h), so a result
// store never answers with a cell that an earlier model computed. Raise it with any change that
// moves an op or a metric (tests/core/data/op_stream_digests.json is re-recorded then too).
//   1: until session 24.
//   2: the dispatch window went from 2048 to 128 instructions per core (the scalar set-ups
//      and the SCALAR pipes' idle gaps moved; nothing else did).
namespace amla {

inline constexpr int kModelRevision = 2;

}  // namespace amla
