#!/usr/bin/env python3
"""Writes a CSV of N valid payments in the documented format, the input of bench/import.sh,
bench/settle.sh and bench/shapes.sh: USD amounts, one in 20 a payout, one in 10 with custom data,
reference ids unique in the file (so in every batch). The shape decides how the payments fall
into batches and what the gateway will make of them:

  grouped      (default) 500 payments per batch, 5 merchants, rows grouped by batch
  interleaved  2000 batches (fewer if N < 2000) of 500 merchants, rows in payment order: each
               block of 2000 rows holds one payment of every batch, in an order shuffled per
               block (seeded), like a file exported by payment time rather than by batch
  onebatch     all N payments in a single batch
  tiny         batches of 5 payments, 5 merchants
  depends      grouped, and every fifth payment (20%) a refund that depends_on the payment just
               before it in the same batch (one level: a parent never depends on anything)
  declines     grouped, and one payment in 20 (5%) paid to an account the sandbox declines
               (an account id containing "blocked" answers 403 / 3004 access_denied, a final
               4xx recorded as DECLINED; docs/gateway-protocol.md "Blocked accounts"). Decided
               by the data, so the share is exact and the same whatever order the calls
               arrive in (the sandbox's --decline-rate draws per call, in arrival order).

    bench/payments.py FILE N [--shape SHAPE]
"""
import argparse
import random

SHAPES = ("grouped", "interleaved", "onebatch", "tiny", "depends", "declines")
INTERLEAVED_BATCHES = 2000
HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id,depends_on,custom_data\n"


def grouped(n, size, merchants):
    """(index, batch, merchant) for payments in consecutive batches of `size`."""
    for i in range(n):
        b = i // size
        yield i, b, b % merchants


def interleaved(n):
    batches = min(INTERLEAVED_BATCHES, n)
    rng = random.Random(16)
    order = list(range(batches))
    for start in range(0, n, batches):
        rng.shuffle(order)
        for p, b in enumerate(order[: n - start]):
            yield start + p, b, b % 500


def layout(shape, n):
    if shape == "interleaved":
        return interleaved(n)
    if shape == "onebatch":
        return grouped(n, n, 1)
    if shape == "tiny":
        return grouped(n, 5, 5)
    return grouped(n, 500, 5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("n", type=int)
    parser.add_argument("--shape", choices=SHAPES, default="grouped")
    args = parser.parse_args()
    with open(args.file, "w") as f:
        f.write(HEADER)
        for i, b, merchant in layout(args.shape, args.n):
            # 36 characters, like the product's batch ids, so that a copy's keys are as wide as the import's.
            ext = f"bench-batch-{b:024d}"
            kind = "payout" if i % 20 == 19 else "payment"
            amount = f"{1 + i % 997}.{i % 100:02d}"
            account = f"acct-{i % 10007:05d}"
            depends = ""
            custom = f'"{{""invoice"":""INV-{i:07d}""}}"' if i % 10 == 0 else ""
            # In the grouped layout i - 1 is in the same batch whenever i % 5 == 4 (500 is a multiple of 5).
            if args.shape == "depends" and i % 5 == 4:
                kind, amount, depends = "refund", f"{1 + i % 7}.00", f"ref-{i - 1:07d}"
            if args.shape == "declines" and i % 20 == 7:
                account = f"acct-blocked-{i % 10007:05d}"
            f.write(f"{ext},Bench batch {b},merchant-{merchant},ref-{i:07d},{kind},{amount},USD,"
                    f"{account},{depends},{custom}\n")


if __name__ == "__main__":
    main()
