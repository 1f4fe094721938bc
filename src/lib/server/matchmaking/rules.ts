/** Pure rules of matchmaking: no I/O. */
export {};
