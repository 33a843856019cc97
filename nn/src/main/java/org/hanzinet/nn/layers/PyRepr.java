package org.hanzinet.nn.layers;

import java.math.BigDecimal;

/** Numbers and booleans spelt as Python's repr spells them, for the layers' PyTorch-like toString. */
final class PyRepr {
    private PyRepr() {}

    /** The shortest round-trip digits, as Python: 0.1 -> "0.1", 1e-5 -> "1e-05", 1e-4 -> "0.0001", 2 -> "2.0". */
    static String number(double v) {
        String s = Double.toString(v); // the same shortest digits, Java's exponent rules: "1.0E-5"
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        if (exp >= -5 + 1 && exp < 16) { // Python writes these without an exponent
            String plain = new BigDecimal(s).stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String mant = s.substring(0, e);
        if (mant.endsWith(".0")) {
            mant = mant.substring(0, mant.length() - 2);
        }
        return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** A float setting by its own shortest digits (0.1f -> "0.1", not 0.10000000149011612). */
    static String number(float v) {
        return number(Double.parseDouble(Float.toString(v)));
    }

    static String bool(boolean b) {
        return b ? "True" : "False";
    }
}
