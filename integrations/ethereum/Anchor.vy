# pragma version 0.4.3
"""
@title Bollard checkpoint anchor
@notice Commits the roots of a transparency log's checkpoints (C2SP tlog-checkpoint) by tree
        size, and verifies RFC 9162 inclusion proofs against them on chain, so a contract can
        check that a warehouse receipt is a leaf of an anchored log.
@dev One contract per log. Sizes strictly increase: a rewrite of the log cannot reuse a size.
"""

# RFC 9162 section 2.1.3.1: the audit path of a tree of 2^64 leaves has at most 64 hashes.
MAX_PROOF_LENGTH: constant(uint256) = 64

event Committed:
    size: indexed(uint256)
    root: bytes32
    committer: indexed(address)

owner: public(address)
latest_size: public(uint256)
# Checkpoint root by tree size. The block of each commit is in its Committed log; storing it
# too would cost another fresh storage slot (~22,100 gas) per commit.
root_of: public(HashMap[uint256, bytes32])


@deploy
def __init__():
    self.owner = msg.sender


@external
def commit(size: uint256, root: bytes32):
    """
    @notice Anchors the checkpoint of `size` leaves with Merkle root `root`.
    """
    assert msg.sender == self.owner, "not owner"
    assert size > self.latest_size, "size not increasing"
    self.root_of[size] = root
    self.latest_size = size
    log Committed(size=size, root=root, committer=msg.sender)


@view
@external
def verify_inclusion(leaf_hash: bytes32, index: uint256, size: uint256, proof: DynArray[bytes32, MAX_PROOF_LENGTH]) -> bool:
    """
    @notice True when `proof` is the RFC 9162 section 2.1.3.2 inclusion proof of the leaf whose
            hash is `leaf_hash` (SHA-256 of 0x00 || entry) at `index`, in the committed tree of
            `size` leaves. Hashes use the SHA-256 precompile.
    """
    root: bytes32 = self.root_of[size]
    if root == empty(bytes32) or index >= size:
        return False
    fn: uint256 = index
    sn: uint256 = size - 1
    r: bytes32 = leaf_hash
    for p: bytes32 in proof:
        if sn == 0:
            return False
        if fn & 1 == 1 or fn == sn:
            r = sha256(concat(b"\x01", p, r))
            if fn & 1 == 0:
                for _: uint256 in range(256):
                    if fn & 1 == 1 or fn == 0:
                        break
                    fn = fn >> 1
                    sn = sn >> 1
        else:
            r = sha256(concat(b"\x01", r, p))
        fn = fn >> 1
        sn = sn >> 1
    return sn == 0 and r == root
