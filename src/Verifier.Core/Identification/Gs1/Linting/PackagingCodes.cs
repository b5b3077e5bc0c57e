namespace Verifier.Core.Identification.Gs1.Linting;

/// <summary>
/// Code lists for packaging: the GS1 package type code list (UN/ECE Recommendation 21 plus
/// GS1 additions) for AI 7041 and the AIDC media types of AI 7241.
/// </summary>
internal static class PackagingCodes
{
    private static readonly HashSet<string> PackageTypes = new(
        """
        8 9 1A 1B 1D 1F 1G 1W 2C 3A 3H 43 44 4A 4B 4C 4D 4F 4G 4H 5H 5L 5M 6H 6P 7A 7B 8A 8B 8C AA AB
        AC AD AF AG AH AI AJ AL AM AP AT AV B4 BB BC BD BE BF BG BH BI BJ BK BL BM BN BO BP BQ BR BS BT
        BU BV BW BX BY BZ CA CB CC CD CE CF CG CH CI CJ CK CL CM CN CO CP CQ CR CS CT CU CV CW CX CY CZ
        DA DB DC DG DH DI DJ DK DL DM DN DP DR DS DT DU DV DW DX DY E1 E2 E3 EC ED EE EF EG EH EI EN FB
        FC FD FE FI FL FO FP FR FT FW FX GB GI GL GR GU GY GZ HA HB HC HG HN HR IA IB IC ID IE IF IG IH
        IK IL IN IZ JB JC JG JR JT JY KG KI LE LG LT LU LV LZ MA MB MC ME MR MS MT MW MX NA NE NF NG NS
        NT NU NV OA OB OC OD OE OF OK OT OU P2 PA PB PC PD PE PF PG PH PI PJ PK PL PN PO PP PR PT PU PV
        PX PY PZ QA QB QC QD QF QG QH QJ QK QL QM QN QP QQ QR QS RD RG RJ RK RL RO RT RZ S1 SA SB SC SD
        SE SH SI SK SL SM SO SP SS ST SU SV SW SX SY SZ T1 TB TC TD TE TG TI TK TL TN TO TR TS TT TU TV
        TW TY TZ UC UN VA VG VI VK VL VN VO VP VQ VR VS VY WA WB WC WD WF WG WH WJ WK WL WM WN WP WQ WR
        WS WT WU WV WW WX WY WZ X3 XA XB XC XD XF XG XH XJ XK YA YB YC YD YF YG YH YJ YK YL YM YN YP YQ
        YR YS YT YV YW YX YY YZ ZA ZB ZC ZD ZF ZG ZH ZJ ZK ZL ZM ZN ZP ZQ ZR ZS ZT ZU ZV ZW ZX ZY ZZ
        200 201 202 203 204 205 206 210 211 212 APE BGE BME BRI CBL CCE DPE FOB FPE LAB MPE OPE PAE PLP
        POP PPE PUE RB1 RB2 RB3 RCB SEC STL TEV THE TRE TTE TWE UUE WRP X11 X12 X15 X16 X17 X18 X19 X20
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    public static LintFailure? PackageType(string value) =>
        PackageTypes.Contains(value) ? null : NumberLinters.Invalid(0, $"'{value}' is not a GS1 package type code");

    /// <summary>AIDC media type (AI 7241): 01-10 are assigned, 80-99 are for company-internal use.</summary>
    public static LintFailure? MediaType(string value)
    {
        if (value.Length == 2 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1]))
        {
            var code = ((value[0] - '0') * 10) + (value[1] - '0');
            if (code is (>= 1 and <= 10) or >= 80)
            {
                return null;
            }
        }

        return NumberLinters.Invalid(0, $"'{value}' is not an AIDC media type");
    }
}
