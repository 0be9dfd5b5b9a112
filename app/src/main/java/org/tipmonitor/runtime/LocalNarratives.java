package org.tipmonitor.runtime;

import java.util.Map;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ReporterType;

/**
 * The sample's narratives in the other UN languages (French, Spanish, Arabic, Russian, Chinese), one sentence per
 * status, so that a submission's text is in the language its {@code language} tag says. Invented text, like the
 * rest of the sample.
 */
final class LocalNarratives {

    private static final Map<String, Map<ImplementationStatus, String>> STATE = Map.of(
        "fr", Map.of(
            ImplementationStatus.NOT_STARTED, "Aucune mesure à ce jour ; la question est devant le comité interministériel.",
            ImplementationStatus.PLANNED, "Inscrit au plan d'action national {year} ; le financement est demandé.",
            ImplementationStatus.IN_PROGRESS, "Des mesures sont en cours depuis {year}.",
            ImplementationStatus.PARTIALLY_IMPLEMENTED, "Mis en œuvre dans certaines régions ; le reste est programmé.",
            ImplementationStatus.IMPLEMENTED, "Les mesures sont en vigueur sur tout le territoire et revues chaque année.",
            ImplementationStatus.ALREADY_IN_PLACE, "Les mesures demandées étaient en vigueur avant 2013.",
            ImplementationStatus.CONSIDERED_NOT_ADOPTED, "Examiné en {year} ; non retenu, les mesures existantes répondant à l'objectif.",
            ImplementationStatus.NOT_APPLICABLE, "La situation visée ne se présente pas dans l'ordre juridique national."),
        "es", Map.of(
            ImplementationStatus.NOT_STARTED, "Aún no hay medidas; el asunto está ante el comité interministerial.",
            ImplementationStatus.PLANNED, "Incluido en el plan nacional de acción {year}; se ha solicitado financiación.",
            ImplementationStatus.IN_PROGRESS, "Las medidas están en curso desde {year}.",
            ImplementationStatus.PARTIALLY_IMPLEMENTED, "Aplicado en algunas regiones; el resto está programado.",
            ImplementationStatus.IMPLEMENTED, "Las medidas están en vigor en todo el país y se revisan cada año.",
            ImplementationStatus.ALREADY_IN_PLACE, "Las medidas solicitadas estaban en vigor antes de 2013.",
            ImplementationStatus.CONSIDERED_NOT_ADOPTED, "Examinado en {year}; no se adoptó porque las medidas vigentes cumplen el objetivo.",
            ImplementationStatus.NOT_APPLICABLE, "La situación no se presenta en el ordenamiento jurídico nacional."),
        "ar", Map.of(
            ImplementationStatus.NOT_STARTED, "لم تتخذ أي تدابير بعد؛ والمسألة معروضة على اللجنة المشتركة بين الوزارات.",
            ImplementationStatus.PLANNED, "أدرجت في خطة العمل الوطنية لعام {year}؛ وقد طُلب التمويل.",
            ImplementationStatus.IN_PROGRESS, "التدابير جارية منذ عام {year}.",
            ImplementationStatus.PARTIALLY_IMPLEMENTED, "نُفذت في بعض المناطق؛ والباقي مقرر.",
            ImplementationStatus.IMPLEMENTED, "التدابير سارية في جميع أنحاء البلد وتُراجع سنويًا.",
            ImplementationStatus.ALREADY_IN_PLACE, "كانت التدابير المطلوبة سارية قبل عام 2013.",
            ImplementationStatus.CONSIDERED_NOT_ADOPTED, "نُظر فيها في عام {year}؛ ولم تُعتمد لأن التدابير القائمة تفي بالغرض.",
            ImplementationStatus.NOT_APPLICABLE, "لا تنشأ هذه الحالة في النظام القانوني الوطني."),
        "ru", Map.of(
            ImplementationStatus.NOT_STARTED, "Мер пока нет; вопрос находится на рассмотрении межведомственной комиссии.",
            ImplementationStatus.PLANNED, "Включено в национальный план действий {year} года; запрошено финансирование.",
            ImplementationStatus.IN_PROGRESS, "Меры осуществляются с {year} года.",
            ImplementationStatus.PARTIALLY_IMPLEMENTED, "Осуществлено в ряде регионов; в остальных запланировано.",
            ImplementationStatus.IMPLEMENTED, "Меры действуют по всей стране и ежегодно пересматриваются.",
            ImplementationStatus.ALREADY_IN_PLACE, "Запрошенные меры действовали ещё до 2013 года.",
            ImplementationStatus.CONSIDERED_NOT_ADOPTED, "Рассмотрено в {year} году; не принято, поскольку действующие меры отвечают цели.",
            ImplementationStatus.NOT_APPLICABLE, "Такая ситуация в национальной правовой системе не возникает."),
        "zh", Map.of(
            ImplementationStatus.NOT_STARTED, "尚未采取措施；该事项正由部际委员会审议。",
            ImplementationStatus.PLANNED, "已列入{year}年国家行动计划；已申请经费。",
            ImplementationStatus.IN_PROGRESS, "自{year}年起正在采取措施。",
            ImplementationStatus.PARTIALLY_IMPLEMENTED, "已在部分地区实施；其余地区已作安排。",
            ImplementationStatus.IMPLEMENTED, "相关措施已在全国生效，并每年审查。",
            ImplementationStatus.ALREADY_IN_PLACE, "所要求的措施在2013年以前即已生效。",
            ImplementationStatus.CONSIDERED_NOT_ADOPTED, "已于{year}年审议；因现行措施已达到目的，未予采纳。",
            ImplementationStatus.NOT_APPLICABLE, "本国法律制度中不存在该情况。"));

    private static final Map<String, String> OTHERS = Map.of(
        "fr", "Selon notre suivi en {year}, les mesures atteignent peu de victimes en pratique.",
        "es", "Según nuestro seguimiento en {year}, las medidas llegan a pocas víctimas en la práctica.",
        "ar", "وفقًا لرصدنا في عام {year}، لا تصل التدابير عمليًا إلا إلى عدد قليل من الضحايا.",
        "ru", "По данным нашего мониторинга в {year} году, меры на практике охватывают немногих пострадавших.",
        "zh", "根据我们{year}年的监测，这些措施实际上惠及的受害人很少。");

    private LocalNarratives() {
    }

    /** The narrative of a response in {@code language} (one of fr, es, ar, ru, zh). */
    static String of(final String language, final ImplementationStatus status, final ReporterType reporter,
                     final int year) {
        final String template = reporter == ReporterType.STATE ? STATE.get(language).get(status)
            : OTHERS.get(language);
        return template.replace("{year}", Integer.toString(year));
    }
}
