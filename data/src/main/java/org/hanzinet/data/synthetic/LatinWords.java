package org.hanzinet.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Rng;

/** Latin text as it appears on Chinese streets: shop words, brand-like letter runs, phone numbers, one character per entry. */
final class LatinWords {
    private static final String[] WORDS = {"OPEN", "SALE", "HOTEL", "BANK", "TEA", "COFFEE", "SHOP", "MART", "24H", "WIFI",
        "KTV", "SPA", "BAR", "CAFE", "FOOD", "HAIR", "TAXI", "EXIT", "PARKING", "MOBILE", "BEAUTY", "Bakery", "Store",
        "Open", "Coffee", "Fashion", "Restaurant", "Welcome", "Hot Pot", "Noodles"};
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private LatinWords() {
    }

    /** One line: a word, a made-up upper-case name, or a phone number. */
    static List<String> random(Rng rng) {
        double u = rng.nextDouble();
        StringBuilder sb = new StringBuilder();
        if (u < 0.5) {
            sb.append(WORDS[rng.nextInt(WORDS.length)]);
        } else if (u < 0.75) {
            for (int i = 0, n = 3 + rng.nextInt(6); i < n; i++) {
                sb.append(LETTERS.charAt(rng.nextInt(LETTERS.length())));
            }
        } else {
            sb.append(rng.nextDouble() < 0.5 ? "1" : "0");
            for (int i = 0, n = 6 + rng.nextInt(5); i < n; i++) {
                sb.append((char) ('0' + rng.nextInt(10)));
                if (i == 2 && rng.nextDouble() < 0.5) {
                    sb.append('-');
                }
            }
        }
        List<String> chars = new ArrayList<>();
        for (int i = 0; i < sb.length(); i++) {
            chars.add(String.valueOf(sb.charAt(i)));
        }
        return chars;
    }
}
