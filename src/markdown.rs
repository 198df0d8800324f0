//! markdown (to be written).
