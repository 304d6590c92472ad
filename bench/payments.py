#!/usr/bin/env python3
"""Writes a CSV of N valid payments in the documented format, the input of bench/import.sh and
bench/settle.sh: 500 payments per batch, 5 merchants, USD amounts, one in 20 a payout, one in 10
with custom data, no dependencies. Rows are grouped by batch; SHAPE `interleaved` writes the same
batches (N / 500 of them, of 500 merchants) in payment order instead: row i belongs to batch
i mod (N / 500), so every chunk names every batch, which is legal input too.

    bench/payments.py FILE N [interleaved]
"""
import sys

path, n = sys.argv[1], int(sys.argv[2])
interleaved = len(sys.argv) > 3 and sys.argv[3] == "interleaved"
batches = max(1, n // 500)
with open(path, "w") as f:
    f.write("batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id,depends_on,custom_data\n")
    for i in range(n):
        b = i % batches if interleaved else i // 500
        # 36 characters, like the product's batch ids, so that a copy's keys are as wide as the import's.
        ext = f"bench-batch-{b:024d}"
        kind = "payout" if i % 20 == 19 else "payment"
        custom = f'"{{""invoice"":""INV-{i:07d}""}}"' if i % 10 == 0 else ""
        f.write(f"{ext},Bench batch {b},merchant-{b % (500 if interleaved else 5)},ref-{i:07d},{kind},{1 + i % 997}.{i % 100:02d},USD,"
                f"acct-{i % 10007:05d},,{custom}\n")
