"""The provincial roll-up: many centres' stores of one period, summed and ranked (`tthc rollup`)."""
