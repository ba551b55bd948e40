//! `ActorKey`: a small, copyable handle for an actor, as the store's indexes know it.
//!
//! Owns: the two kinds of actor the indexes hold apart. Imports std.

/// An actor in the store's indexes: either an entry of the actor lexicon (numbered by the
/// actors module, which owns the lexicon) or a proposed name not yet confirmed, interned by
/// the store ([`Store::intern_proposed`](super::Store::intern_proposed)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorKey {
    /// Lexicon entry number `n`, as the actors module numbers them.
    Lexicon(u32),
    /// A proposed name, interned by the store.
    Proposed(ProposedId),
}

/// The store's number for an interned proposed name. Only the store makes these, so one
/// always names a name that the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProposedId(pub(crate) u32);

impl ProposedId {
    /// The index in the store's table of proposed names.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
